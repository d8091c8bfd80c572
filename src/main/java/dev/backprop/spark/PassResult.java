package dev.backprop.spark;

import dev.backprop.tensor.Matrix;

/**
 * The result of one pass over distributed data: summed loss, number of examples, correct predictions, and for a
 * gradient pass the summed gradient (null otherwise).
 */
public record PassResult(double lossSum, long count, long correct, Matrix gradientSum) {

    /** Mean loss per example. */
    public double meanLoss() {
        return lossSum / count;
    }

    /** Fraction of examples predicted right (classification). */
    public double accuracy() {
        return (double) correct / count;
    }
}
