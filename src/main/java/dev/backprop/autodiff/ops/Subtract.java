package dev.backprop.autodiff.ops;

import dev.backprop.autodiff.Op;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Shape;

/** {@code C = A - B}. Backward: {@code dA += G}, {@code dB -= G}. */
public final class Subtract implements Op {

    @Override
    public String name() {
        return "subtract";
    }

    @Override
    public Shape outputShape(Shape... inputs) {
        return Shapes.same(name(), inputs);
    }

    @Override
    public void forward(Matrix[] in, Matrix out) {
        in[0].zip(in[1], (a, b) -> a - b, out);
    }

    @Override
    public void backward(Matrix[] in, Matrix out, Matrix gradOut, Matrix[] gradIn) {
        if (gradIn[0] != null) {
            gradIn[0].axpy(1, gradOut);
        }
        if (gradIn[1] != null) {
            gradIn[1].axpy(-1, gradOut);
        }
    }
}
