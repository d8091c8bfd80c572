package dev.backprop.spark;

import dev.backprop.tensor.Matrix;
import dev.backprop.train.GradientSum;

import java.util.Comparator;
import java.util.List;

/**
 * What a partition, or a group of partitions, sends up the aggregation tree: its position (the partition index,
 * then the group index at each level), the summed loss, the example count, the count of correct predictions and,
 * for a gradient pass, the summed gradient as a flat vector.
 */
final class PartialSum {

    final int index;
    final double loss;
    /** The total example weight: the denominator of the mean loss and gradient. */
    final double weight;
    final long count;
    final long correct;
    /** The summed gradient (parameters x 1), or null for a pass that computes metrics only. */
    final Matrix gradient;
    /**
     * Seconds spent in forward and backward over the blocks (the gradient kernels), for a partition; for a group,
     * the largest of its members (partitions run side by side, one per core).
     */
    final double kernelSeconds;

    PartialSum(int index, double loss, double weight, long count, long correct, Matrix gradient,
               double kernelSeconds) {
        this.index = index;
        this.loss = loss;
        this.weight = weight;
        this.count = count;
        this.correct = correct;
        this.gradient = gradient;
        this.kernelSeconds = kernelSeconds;
    }

    static PartialSum of(int index, GradientSum sum, boolean withGradient, double kernelSeconds) {
        return new PartialSum(index, sum.loss(), sum.weight(), sum.count(), sum.correct(),
                withGradient ? sum.gradient().flat() : null, kernelSeconds);
    }

    /**
     * The sum of {@code parts} taken in increasing index order, whatever order they arrived in, so that the
     * floating-point result does not depend on which task finished first. The result carries {@code index}.
     */
    static PartialSum sumInIndexOrder(int index, List<PartialSum> parts) {
        parts.sort(Comparator.comparingInt(p -> p.index));
        double loss = 0;
        double weight = 0;
        long count = 0;
        long correct = 0;
        Matrix gradient = null;
        double kernelSeconds = 0;
        for (PartialSum p : parts) {
            kernelSeconds = Math.max(kernelSeconds, p.kernelSeconds);
            loss += p.loss;
            weight += p.weight;
            count += p.count;
            correct += p.correct;
            if (p.gradient != null) {
                if (gradient == null) {
                    gradient = p.gradient.copy();
                } else {
                    gradient.axpy(1, p.gradient);
                }
            }
        }
        return new PartialSum(index, loss, weight, count, correct, gradient, kernelSeconds);
    }
}
