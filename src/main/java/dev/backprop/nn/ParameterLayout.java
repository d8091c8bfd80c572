package dev.backprop.nn;

import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;

/**
 * Where each parameter of an MLP lives in one flat vector: for each layer {@code l} in order, the weights
 * {@code W_l} (fan_out x fan_in, column-major), then the bias {@code b_l} (fan_out x 1).
 */
public final class ParameterLayout {

    private final MlpSpec spec;
    private final int[] weightOffsets;
    private final int[] biasOffsets;
    private final int size;

    public ParameterLayout(MlpSpec spec) {
        this.spec = spec;
        int layers = spec.layers();
        weightOffsets = new int[layers];
        biasOffsets = new int[layers];
        long offset = 0;
        for (int l = 0; l < layers; l++) {
            weightOffsets[l] = (int) offset;
            offset += (long) spec.fanOut(l) * spec.fanIn(l);
            biasOffsets[l] = (int) offset;
            offset += spec.fanOut(l);
            if (offset > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("network " + spec + " has more than 2^31 parameters");
            }
        }
        size = (int) offset;
    }

    public MlpSpec spec() {
        return spec;
    }

    /** Total number of parameters. */
    public int size() {
        return size;
    }

    public int weightOffset(int layer) {
        return weightOffsets[layer];
    }

    public int biasOffset(int layer) {
        return biasOffsets[layer];
    }

    /**
     * A column vector with 1 where the L2 regularizer applies and 0 elsewhere: every weight, and the biases too
     * when {@code regularizeBiases} is set.
     */
    public Matrix regularizationMask(Precision precision, boolean regularizeBiases) {
        Matrix mask = Matrix.zeros(precision, size, 1);
        for (int l = 0; l < spec.layers(); l++) {
            int end = regularizeBiases ? biasOffsets[l] + spec.fanOut(l) : biasOffsets[l];
            for (int i = weightOffsets[l]; i < end; i++) {
                mask.set(i, 1);
            }
        }
        return mask;
    }
}
