package dev.backprop.autodiff.ops;

import dev.backprop.autodiff.Op;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Shape;

/** {@code s = sum of all elements of X}, a 1x1 result. Backward: {@code dX += g} in every element. */
public final class Sum implements Op {

    @Override
    public String name() {
        return "sum";
    }

    @Override
    public Shape outputShape(Shape... inputs) {
        Shapes.requireArity(name(), inputs, 1);
        return Shape.of(1, 1);
    }

    @Override
    public void forward(Matrix[] in, Matrix out) {
        out.set(0, in[0].sum());
    }

    @Override
    public void backward(Matrix[] in, Matrix out, Matrix gradOut, Matrix[] gradIn) {
        if (gradIn[0] != null) {
            double g = gradOut.get(0);
            gradIn[0].map(x -> x + g, gradIn[0]);
        }
    }
}
