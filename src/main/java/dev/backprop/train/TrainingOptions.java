package dev.backprop.train;

/**
 * How to run gradient descent.
 *
 * @param epochs           passes over the data, at least 1
 * @param learningRate     alpha, positive
 * @param l2               lambda, zero or positive
 * @param regularizeBiases whether the L2 regularizer also applies to biases
 * @param batchSize        examples per step; 0 for full-batch (one step per epoch over all examples)
 * @param seed             seeds the order of mini-batches
 */
public record TrainingOptions(int epochs, double learningRate, double l2, boolean regularizeBiases, int batchSize,
                              long seed) {

    public TrainingOptions {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 0) {
            throw new IllegalArgumentException("batch size must be 0 (full batch) or positive, got " + batchSize);
        }
    }

    /** Full-batch gradient descent. */
    public static TrainingOptions fullBatch(int epochs, double learningRate, double l2) {
        return new TrainingOptions(epochs, learningRate, l2, false, 0, 1);
    }
}
