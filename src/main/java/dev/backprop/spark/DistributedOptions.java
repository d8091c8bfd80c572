package dev.backprop.spark;

/**
 * How the distributed trainer runs its epochs.
 *
 * @param epochs           full-batch gradient-descent steps, at least 1
 * @param learningRate     alpha, positive
 * @param l2               lambda, zero or positive
 * @param regularizeBiases whether the L2 regularizer also applies to biases
 * @param aggregationDepth levels of the aggregation tree, at least 1 (1: every partition straight to the driver)
 */
public record DistributedOptions(int epochs, double learningRate, double l2, boolean regularizeBiases,
                                 int aggregationDepth) {

    public DistributedOptions {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (aggregationDepth < 1) {
            throw new IllegalArgumentException("aggregation depth must be at least 1, got " + aggregationDepth);
        }
    }
}
