package dev.backprop.loss;

import dev.backprop.autodiff.Op;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Shape;

/** {@code R = 1/2 ||w||^2}, a 1x1 result. Backward: {@code dw += g w}. */
public final class L2Regularizer implements Op {

    @Override
    public String name() {
        return "l2";
    }

    @Override
    public Shape outputShape(Shape... inputs) {
        if (inputs.length != 1) {
            throw new IllegalArgumentException("l2 takes 1 input, got " + inputs.length);
        }
        return Shape.of(1, 1);
    }

    @Override
    public void forward(Matrix[] in, Matrix out) {
        out.set(0, 0.5 * in[0].dot(in[0]));
    }

    @Override
    public void backward(Matrix[] in, Matrix out, Matrix gradOut, Matrix[] gradIn) {
        if (gradIn[0] != null) {
            gradIn[0].axpy(gradOut.get(0), in[0]);
        }
    }
}
