package dev.backprop.loss;

import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Shape;
import dev.backprop.tensor.ShapeException;

/**
 * The shape rule of every loss: prediction and target of equal shape ({@code outputs x n}, one example per column),
 * optionally a third input of example weights of shape {@code 1 x n}, and a 1x1 result.
 */
final class LossShapes {

    private LossShapes() {
    }

    static Shape scalarOfPair(String op, Shape[] inputs) {
        if (inputs.length != 2 && inputs.length != 3) {
            throw new IllegalArgumentException(op + " takes (prediction, target) or (prediction, target, weights), got "
                    + inputs.length + " input(s)");
        }
        if (!inputs[0].equals(inputs[1])) {
            throw new ShapeException(op + ": prediction " + inputs[0] + " and target " + inputs[1] + " differ");
        }
        if (inputs.length == 3 && (inputs[2].rows() != 1 || inputs[2].cols() != inputs[0].cols())) {
            throw new ShapeException(op + ": example weights " + inputs[2] + " do not fit prediction " + inputs[0]
                    + " (expected 1x" + inputs[0].cols() + ", one weight per column)");
        }
        return Shape.of(1, 1);
    }

    /** The example weights (1 x n) of a loss's inputs, or null when the loss was given only two inputs. */
    static Matrix weights(Matrix[] inputs) {
        return inputs.length > 2 ? inputs[2] : null;
    }
}
