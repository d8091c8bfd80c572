package dev.backprop.nn;

import dev.backprop.tensor.Matrix;

import java.util.random.RandomGenerator;

/** Seeded weight initializers; biases start at zero. */
public enum Initializer {
    /** Normal with variance 2 / fan_in (He et al. 2015), for ReLU kinds. */
    HE,
    /** Uniform in +-sqrt(6 / (fan_in + fan_out)) (Glorot and Bengio 2010), for sigmoid, tanh and identity. */
    GLOROT;

    /** Fills {@code weights} (fan_out x fan_in) from {@code random}. */
    public void fill(Matrix weights, RandomGenerator random) {
        int fanOut = weights.rows();
        int fanIn = weights.cols();
        if (this == HE) {
            double std = Math.sqrt(2.0 / fanIn);
            for (int i = 0; i < weights.size(); i++) {
                weights.set(i, std * random.nextGaussian());
            }
        } else {
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            for (int i = 0; i < weights.size(); i++) {
                weights.set(i, limit * (2 * random.nextDouble() - 1));
            }
        }
    }
}
