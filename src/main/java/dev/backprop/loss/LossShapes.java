package dev.backprop.loss;

import dev.backprop.tensor.Shape;
import dev.backprop.tensor.ShapeException;

/** The shape rule of every loss: prediction and target of equal shape, a 1x1 result. */
final class LossShapes {

    private LossShapes() {
    }

    static Shape scalarOfPair(String op, Shape[] inputs) {
        if (inputs.length != 2) {
            throw new IllegalArgumentException(op + " takes (prediction, target), got " + inputs.length
                    + " input(s)");
        }
        if (!inputs[0].equals(inputs[1])) {
            throw new ShapeException(op + ": prediction " + inputs[0] + " and target " + inputs[1] + " differ");
        }
        return Shape.of(1, 1);
    }
}
