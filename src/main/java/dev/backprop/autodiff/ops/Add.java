package dev.backprop.autodiff.ops;

import dev.backprop.autodiff.Op;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Shape;

/** {@code C = A + B}. Backward: {@code dA += G}, {@code dB += G}. */
public final class Add implements Op {

    @Override
    public String name() {
        return "add";
    }

    @Override
    public Shape outputShape(Shape... inputs) {
        return Shapes.same(name(), inputs);
    }

    @Override
    public void forward(Matrix[] in, Matrix out) {
        in[0].zip(in[1], Double::sum, out);
    }

    @Override
    public void backward(Matrix[] in, Matrix out, Matrix gradOut, Matrix[] gradIn) {
        for (Matrix g : gradIn) {
            if (g != null) {
                g.axpy(1, gradOut);
            }
        }
    }
}
