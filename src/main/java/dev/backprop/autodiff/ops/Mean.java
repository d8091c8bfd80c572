package dev.backprop.autodiff.ops;

import dev.backprop.autodiff.Op;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Shape;

/** {@code m = (sum of all elements of X) / n}, a 1x1 result. Backward: {@code dX += g / n} in every element. */
public final class Mean implements Op {

    @Override
    public String name() {
        return "mean";
    }

    @Override
    public Shape outputShape(Shape... inputs) {
        Shapes.requireArity(name(), inputs, 1);
        return Shape.of(1, 1);
    }

    @Override
    public void forward(Matrix[] in, Matrix out) {
        int n = in[0].size();
        out.set(0, n == 0 ? 0 : in[0].sum() / n);
    }

    @Override
    public void backward(Matrix[] in, Matrix out, Matrix gradOut, Matrix[] gradIn) {
        if (gradIn[0] != null && gradIn[0].size() > 0) {
            double g = gradOut.get(0) / gradIn[0].size();
            gradIn[0].map(x -> x + g, gradIn[0]);
        }
    }
}
