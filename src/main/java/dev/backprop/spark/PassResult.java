package dev.backprop.spark;

import dev.backprop.tensor.Matrix;

/**
 * The result of one pass over distributed data: summed (weighted) loss, total example weight, number of examples,
 * correct predictions, for a gradient pass the summed (weighted) gradient (null otherwise), and the seconds the
 * slowest partition spent in forward and backward (the gradient kernels; the rest of a pass is scheduling,
 * serialization, aggregation and the update).
 */
public record PassResult(double lossSum, double weight, long count, long correct, Matrix gradientSum,
                         double kernelSeconds) {

    /** Mean loss per example, weighted by the example weights (with none, the plain mean). */
    public double meanLoss() {
        return lossSum / weight;
    }

    /** Fraction of examples predicted right (classification). */
    public double accuracy() {
        return (double) correct / count;
    }
}
