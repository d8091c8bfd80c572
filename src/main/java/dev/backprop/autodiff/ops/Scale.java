package dev.backprop.autodiff.ops;

import dev.backprop.autodiff.Op;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Shape;

/** {@code Y = c X} for a constant {@code c}. Backward: {@code dX += c G}. */
public final class Scale implements Op {

    private final double factor;

    public Scale(double factor) {
        this.factor = factor;
    }

    public double factor() {
        return factor;
    }

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public Shape outputShape(Shape... inputs) {
        Shapes.requireArity(name(), inputs, 1);
        return inputs[0];
    }

    @Override
    public void forward(Matrix[] in, Matrix out) {
        in[0].map(x -> factor * x, out);
    }

    @Override
    public void backward(Matrix[] in, Matrix out, Matrix gradOut, Matrix[] gradIn) {
        if (gradIn[0] != null) {
            gradIn[0].axpy(factor, gradOut);
        }
    }
}
