package dev.backprop.bench;

/**
 * The one FLOP formula used for both trainers: a multiply-add is 2 FLOP, and a gradient pass over one example of a
 * layer with {@code in} inputs and {@code out} outputs costs {@code 2 in out} for the forward product,
 * {@code 2 in out} for the weight gradient and, except in the first layer (whose input needs no gradient),
 * {@code 2 in out} for the input gradient. Activations, loss, biases and the update are not counted.
 */
final class FlopCount {

    static final String FORMULA = "per example: sum over layers of 2*in*out*(2 for the first layer, 3 for the others)";

    private FlopCount() {
    }

    /** FLOP of one gradient pass over one example of a network with {@code sizes} (input, hidden..., output). */
    static double perExample(int[] sizes) {
        double flop = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            flop += 2.0 * sizes[l] * sizes[l + 1] * (l == 0 ? 2 : 3);
        }
        return flop;
    }

    /** FLOP of one gradient pass over {@code examples} examples. */
    static double perPass(int[] sizes, long examples) {
        return perExample(sizes) * examples;
    }
}
