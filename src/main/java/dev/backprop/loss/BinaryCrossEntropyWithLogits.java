package dev.backprop.loss;

import dev.backprop.autodiff.Op;
import dev.backprop.autodiff.ops.Sigmoid;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Shape;

/**
 * Binary cross-entropy of {@code sigmoid(z)} against targets {@code t} in [0, 1], from the logits {@code z}, in
 * the stable form {@code l = max(z, 0) - z t + log(1 + exp(-|z|))}, summed over all elements.
 *
 * <p>Backward: {@code dz += g (sigmoid(z) - t)}, {@code dt += -g z}.
 */
public final class BinaryCrossEntropyWithLogits implements Op {

    /** The loss of one element, finite for every finite logit. */
    public static double loss(double z, double t) {
        return Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
    }

    @Override
    public String name() {
        return "binary_cross_entropy_with_logits";
    }

    @Override
    public Shape outputShape(Shape... inputs) {
        return LossShapes.scalarOfPair(name(), inputs);
    }

    @Override
    public void forward(Matrix[] in, Matrix out) {
        Matrix z = in[0];
        Matrix t = in[1];
        double sum = 0;
        for (int i = 0, n = z.size(); i < n; i++) {
            sum += loss(z.get(i), t.get(i));
        }
        out.set(0, sum);
    }

    @Override
    public void backward(Matrix[] in, Matrix out, Matrix gradOut, Matrix[] gradIn) {
        double g = gradOut.get(0);
        if (gradIn[0] != null) {
            gradIn[0].addZip(in[0], in[1], (z, t) -> g * (Sigmoid.sigmoid(z) - t));
        }
        if (gradIn[1] != null) {
            gradIn[1].addZip(in[0], in[1], (z, t) -> -g * z);
        }
    }
}
