package dev.backprop.data;

import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.ShapeException;

/** A block of examples: features (features x n) and targets (outputs x n), one example per column. */
public record Block(Matrix features, Matrix targets) {

    public Block {
        if (features.cols() != targets.cols()) {
            throw new ShapeException("block: features " + features.shape() + " and targets " + targets.shape()
                    + " hold different numbers of examples");
        }
        if (features.precision() != targets.precision()) {
            throw new IllegalArgumentException("block: features are " + features.precision() + ", targets "
                    + targets.precision());
        }
    }

    /** Number of examples. */
    public int size() {
        return features.cols();
    }

    /** Examples {@code from} to {@code to} (exclusive) as views. */
    public Block slice(int from, int to) {
        return new Block(features.columns(from, to), targets.columns(from, to));
    }
}
