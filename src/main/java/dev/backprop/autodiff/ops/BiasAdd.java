package dev.backprop.autodiff.ops;

import dev.backprop.autodiff.Op;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Shape;
import dev.backprop.tensor.ShapeException;

/**
 * {@code Z = X + b 1^T}: the column vector {@code b} (m x 1) added to every column of {@code X} (m x n).
 * Backward: {@code dX += G}, {@code db += G 1} (the row sums of G).
 */
public final class BiasAdd implements Op {

    @Override
    public String name() {
        return "bias_add";
    }

    @Override
    public Shape outputShape(Shape... inputs) {
        Shapes.requireArity(name(), inputs, 2);
        if (inputs[1].cols() != 1 || inputs[1].rows() != inputs[0].rows()) {
            throw new ShapeException("bias_add: bias " + inputs[1] + " does not fit " + inputs[0]
                    + " (expected " + inputs[0].rows() + "x1)");
        }
        return inputs[0];
    }

    @Override
    public void forward(Matrix[] in, Matrix out) {
        in[0].addColumnVector(in[1], out);
    }

    @Override
    public void backward(Matrix[] in, Matrix out, Matrix gradOut, Matrix[] gradIn) {
        if (gradIn[0] != null) {
            gradIn[0].axpy(1, gradOut);
        }
        if (gradIn[1] != null) {
            gradOut.addRowSumsTo(gradIn[1]);
        }
    }
}
