package dev.backprop.loss;

import dev.backprop.autodiff.Op;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Shape;

/**
 * Least squares: {@code L = sum 1/2 (y - t)^2} over all elements. Backward: {@code dy += g (y - t)},
 * {@code dt += -g (y - t)}.
 *
 * <p>With a third input of example weights {@code w} (1 x n, one per column):
 * {@code L = sum_j w_j l_j} with {@code l_j = sum_r 1/2 (y_rj - t_rj)^2}; backward {@code dy_rj += g w_j (y - t)},
 * {@code dt_rj += -g w_j (y - t)}, {@code dw_j += g l_j}. Every term is accumulated in the same order as without
 * weights, so unit weights give bit-identical results.
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
        Matrix w = LossShapes.weights(in);
        if (w != null) {
            out.set(0, weightedLoss(in[0], in[1], w));
            return;
        }
        Matrix y = in[0];
        Matrix t = in[1];
        double sum = 0;
        for (int i = 0, n = y.size(); i < n; i++) {
            double d = y.get(i) - t.get(i);
            sum += 0.5 * d * d;
        }
        out.set(0, sum);
    }

    private static double weightedLoss(Matrix y, Matrix t, Matrix w) {
        int k = y.rows();
        double sum = 0;
        for (int j = 0; j < y.cols(); j++) {
            double weight = w.get(j);
            for (int i = j * k, end = i + k; i < end; i++) {
                double d = y.get(i) - t.get(i);
                sum += weight * (0.5 * d * d);
            }
        }
        return sum;
    }

    @Override
    public void backward(Matrix[] in, Matrix out, Matrix gradOut, Matrix[] gradIn) {
        double g = gradOut.get(0);
        if (in.length > 2) {
            weightedBackward(in[0], in[1], in[2], g, gradIn);
            return;
        }
        if (gradIn[0] != null) {
            gradIn[0].addZip(in[0], in[1], (y, t) -> g * (y - t));
        }
        if (gradIn[1] != null) {
            gradIn[1].addZip(in[0], in[1], (y, t) -> -g * (y - t));
        }
    }

    private static void weightedBackward(Matrix y, Matrix t, Matrix w, double g, Matrix[] gradIn) {
        Matrix dy = gradIn[0];
        Matrix dt = gradIn[1];
        Matrix dw = gradIn[2];
        int k = y.rows();
        for (int j = 0; j < y.cols(); j++) {
            double gw = g * w.get(j);
            double columnLoss = 0;
            for (int i = j * k, end = i + k; i < end; i++) {
                double d = y.get(i) - t.get(i);
                if (dy != null) {
                    dy.set(i, dy.get(i) + gw * d);
                }
                if (dt != null) {
                    dt.set(i, dt.get(i) + -gw * d);
                }
                columnLoss += 0.5 * d * d;
            }
            if (dw != null) {
                dw.set(j, dw.get(j) + g * columnLoss);
            }
        }
    }
}
