package dev.backprop.nn;

import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import dev.backprop.tensor.ShapeException;

import java.util.SplittableRandom;

/**
 * All parameters of an MLP (or all their gradients) as one flat column vector, with each layer's weights and bias
 * available as views into it. The flat vector is what gets broadcast, summed across partitions and updated.
 */
public final class FlatParameters {

    private final ParameterLayout layout;
    private final Matrix flat;

    /** Wraps {@code flat} (size x 1) as the parameters of {@code layout}; no copy. */
    public FlatParameters(ParameterLayout layout, Matrix flat) {
        if (flat.rows() != layout.size() || flat.cols() != 1) {
            throw new ShapeException("flat parameters of " + layout.spec() + " must be " + layout.size()
                    + "x1, got " + flat.shape());
        }
        this.layout = layout;
        this.flat = flat;
    }

    /** All zeros. */
    public static FlatParameters zeros(ParameterLayout layout, Precision precision) {
        return new FlatParameters(layout, Matrix.zeros(precision, layout.size(), 1));
    }

    /**
     * Seeded initial weights: hidden layers by their activation's initializer (He or Glorot), the output layer by
     * Glorot; biases zero. The same seed gives the same values.
     */
    public static FlatParameters initialize(ParameterLayout layout, Precision precision, long seed) {
        FlatParameters p = zeros(layout, precision);
        SplittableRandom random = new SplittableRandom(seed);
        MlpSpec spec = layout.spec();
        for (int l = 0; l < spec.layers(); l++) {
            boolean output = l == spec.layers() - 1;
            Initializer init = output ? Initializer.GLOROT : spec.hidden().initializer();
            init.fill(p.weights(l), random);
        }
        return p;
    }

    public ParameterLayout layout() {
        return layout;
    }

    /** The whole vector (size x 1). */
    public Matrix flat() {
        return flat;
    }

    /** {@code W_l}, fan_out x fan_in, a view. */
    public Matrix weights(int layer) {
        MlpSpec spec = layout.spec();
        return flat.view(layout.weightOffset(layer), spec.fanOut(layer), spec.fanIn(layer));
    }

    /** {@code b_l}, fan_out x 1, a view. */
    public Matrix bias(int layer) {
        return flat.view(layout.biasOffset(layer), layout.spec().fanOut(layer), 1);
    }

    /** A deep copy. */
    public FlatParameters copy() {
        return new FlatParameters(layout, flat.copy());
    }
}
