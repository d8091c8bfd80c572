package dev.backprop.autodiff.ops;

import dev.backprop.autodiff.Op;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Shape;

/** Elementwise {@code C = A * B}. Backward: {@code dA += G * B}, {@code dB += G * A}. */
public final class Multiply implements Op {

    @Override
    public String name() {
        return "multiply";
    }

    @Override
    public Shape outputShape(Shape... inputs) {
        return Shapes.same(name(), inputs);
    }

    @Override
    public void forward(Matrix[] in, Matrix out) {
        in[0].zip(in[1], (a, b) -> a * b, out);
    }

    @Override
    public void backward(Matrix[] in, Matrix out, Matrix gradOut, Matrix[] gradIn) {
        if (gradIn[0] != null) {
            gradIn[0].addZip(gradOut, in[1], (g, b) -> g * b);
        }
        if (gradIn[1] != null) {
            gradIn[1].addZip(gradOut, in[0], (g, a) -> g * a);
        }
    }
}
