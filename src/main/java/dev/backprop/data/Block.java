package dev.backprop.data;

import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.ShapeException;

/**
 * A block of examples: features (features x n) and targets (outputs x n), one example per column, and optional
 * example weights (1 x n, finite and non-negative, in the features' precision); {@code weights == null} means every
 * example has weight 1, and the loss of such a block is computed exactly as before weights existed.
 */
public record Block(Matrix features, Matrix targets, Matrix weights) {

    public Block {
        if (features.cols() != targets.cols()) {
            throw new ShapeException("block: features " + features.shape() + " and targets " + targets.shape()
                    + " hold different numbers of examples");
        }
        if (features.precision() != targets.precision()) {
            throw new IllegalArgumentException("block: features are " + features.precision() + ", targets "
                    + targets.precision());
        }
        if (weights != null) {
            checkWeights(features, weights);
        }
    }

    /** A block without example weights (every example weighs 1). */
    public Block(Matrix features, Matrix targets) {
        this(features, targets, null);
    }

    private static void checkWeights(Matrix features, Matrix weights) {
        if (weights.rows() != 1 || weights.cols() != features.cols()) {
            throw new ShapeException("block: example weights " + weights.shape() + " do not fit features "
                    + features.shape() + " (expected 1x" + features.cols() + ")");
        }
        if (weights.precision() != features.precision()) {
            throw new IllegalArgumentException("block: features are " + features.precision() + ", example weights "
                    + weights.precision());
        }
        for (int j = 0; j < weights.size(); j++) {
            double w = weights.get(j);
            if (!(w >= 0) || w == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("block: the weight of example " + (j + 1) + " is " + w
                        + ", not a finite non-negative number");
            }
        }
    }

    /** Number of examples. */
    public int size() {
        return features.cols();
    }

    /** Whether the block carries example weights. */
    public boolean weighted() {
        return weights != null;
    }

    /** The sum of the example weights, in double; the number of examples when the block has no weights. */
    public double totalWeight() {
        return weights == null ? size() : weights.sum();
    }

    /** The same features and targets with {@code exampleWeights} (1 x n, or null for none). */
    public Block withWeights(Matrix exampleWeights) {
        return new Block(features, targets, exampleWeights);
    }

    /** Examples {@code from} to {@code to} (exclusive) as views, with their weights. */
    public Block slice(int from, int to) {
        return new Block(features.columns(from, to), targets.columns(from, to),
                weights == null ? null : weights.columns(from, to));
    }
}
