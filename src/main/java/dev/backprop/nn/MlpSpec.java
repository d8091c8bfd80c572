package dev.backprop.nn;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An immutable description of a multilayer perceptron: layer sizes from input to output (at least two), the
 * activation of every hidden layer, and the output with its loss. It holds no weights.
 */
public record MlpSpec(int[] layerSizes, Activation hidden, OutputLoss output) implements java.io.Serializable {

    public MlpSpec {
        if (layerSizes == null || layerSizes.length < 2) {
            throw new IllegalArgumentException("a network needs at least an input and an output size, got "
                    + Arrays.toString(layerSizes));
        }
        for (int size : layerSizes) {
            if (size <= 0) {
                throw new IllegalArgumentException("layer sizes must be positive, got " + Arrays.toString(layerSizes));
            }
        }
        if (output == OutputLoss.SOFTMAX_CROSS_ENTROPY && layerSizes[layerSizes.length - 1] < 2) {
            throw new IllegalArgumentException("softmax_cross_entropy needs at least 2 outputs, got "
                    + layerSizes[layerSizes.length - 1]);
        }
        layerSizes = layerSizes.clone();
        java.util.Objects.requireNonNull(hidden, "hidden activation");
        java.util.Objects.requireNonNull(output, "output/loss");
    }

    /** Sizes given as input, hidden layers, output: {@code MlpSpec.of(784, new int[] {64}, 10, ...)}. */
    public static MlpSpec of(int inputs, int[] hiddenSizes, int outputs, Activation hidden, OutputLoss output) {
        int[] sizes = new int[hiddenSizes.length + 2];
        sizes[0] = inputs;
        System.arraycopy(hiddenSizes, 0, sizes, 1, hiddenSizes.length);
        sizes[sizes.length - 1] = outputs;
        return new MlpSpec(sizes, hidden, output);
    }

    @Override
    public int[] layerSizes() {
        return layerSizes.clone();
    }

    /** Number of affine layers (weight matrices). */
    public int layers() {
        return layerSizes.length - 1;
    }

    public int inputs() {
        return layerSizes[0];
    }

    public int outputs() {
        return layerSizes[layerSizes.length - 1];
    }

    /** Inputs of affine layer {@code l}. */
    public int fanIn(int layer) {
        return layerSizes[layer];
    }

    /** Outputs of affine layer {@code l}. */
    public int fanOut(int layer) {
        return layerSizes[layer + 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MlpSpec s && Arrays.equals(layerSizes, s.layerSizes) && hidden == s.hidden
                && output == s.output;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(layerSizes) + hidden.hashCode()) + output.hashCode();
    }

    @Override
    public String toString() {
        return Arrays.stream(layerSizes).mapToObj(Integer::toString).collect(Collectors.joining("-"))
                + " " + hidden.configName() + " " + output.configName();
    }
}
