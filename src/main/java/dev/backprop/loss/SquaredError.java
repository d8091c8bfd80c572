package dev.backprop.loss;

import dev.backprop.autodiff.Op;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Shape;

/**
 * Least squares: {@code L = sum 1/2 (y - t)^2} over all elements. Backward: {@code dy += g (y - t)},
 * {@code dt += -g (y - t)}.
 */
public final class SquaredError implements Op {

    @Override
    public String name() {
        return "squared_error";
    }

    @Override
    public Shape outputShape(Shape... inputs) {
        return LossShapes.scalarOfPair(name(), inputs);
    }

    @Override
    public void forward(Matrix[] in, Matrix out) {
        Matrix y = in[0];
        Matrix t = in[1];
        double sum = 0;
        for (int i = 0, n = y.size(); i < n; i++) {
            double d = y.get(i) - t.get(i);
            sum += 0.5 * d * d;
        }
        out.set(0, sum);
    }

    @Override
    public void backward(Matrix[] in, Matrix out, Matrix gradOut, Matrix[] gradIn) {
        double g = gradOut.get(0);
        if (gradIn[0] != null) {
            gradIn[0].addZip(in[0], in[1], (y, t) -> g * (y - t));
        }
        if (gradIn[1] != null) {
            gradIn[1].addZip(in[0], in[1], (y, t) -> -g * (y - t));
        }
    }
}
