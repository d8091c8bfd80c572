package dev.backprop.autodiff.ops;

import dev.backprop.tensor.Shape;
import dev.backprop.tensor.ShapeException;

/** Argument-count and shape checks shared by the ops. */
final class Shapes {

    private Shapes() {
    }

    static void requireArity(String op, Shape[] inputs, int arity) {
        if (inputs.length != arity) {
            throw new IllegalArgumentException(op + " takes " + arity + " input(s), got " + inputs.length);
        }
    }

    /** The common shape of two same-shaped inputs. */
    static Shape same(String op, Shape[] inputs) {
        requireArity(op, inputs, 2);
        if (!inputs[0].equals(inputs[1])) {
            throw new ShapeException(op + ": shapes differ, " + inputs[0] + " and " + inputs[1]);
        }
        return inputs[0];
    }
}
