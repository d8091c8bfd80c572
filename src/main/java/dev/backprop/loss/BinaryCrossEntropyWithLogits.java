package dev.backprop.loss;

import dev.backprop.autodiff.Op;
import dev.backprop.autodiff.ops.Sigmoid;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Shape;

/**
 * Binary cross-entropy of {@code sigmoid(z)} against targets {@code t} in [0, 1], from the logits {@code z}, in
 * the stable form {@code l = max(z, 0) - z t + log(1 + exp(-|z|))}, summed over all elements.
 *
 * <p>Backward: {@code dz += g (sigmoid(z) - t)}, {@code dt += -g z}.
 *
 * <p>With a third input of example weights {@code w} (1 x n, one per column):
 * {@code L = sum_j w_j l_j} with {@code l_j = sum_r l(z_rj, t_rj)}; backward
 * {@code dz_rj += g w_j (sigmoid(z) - t)}, {@code dt_rj += -g w_j z}, {@code dw_j += g l_j}. Every term is
 * accumulated in the same order as without weights, so unit weights give bit-identical results.
 */
public final class BinaryCrossEntropyWithLogits implements Op {

    /** The loss of one element, finite for every finite logit. */
    public static double loss(double z, double t) {
        return Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
    }

    @Override
    public String name() {
        return "binary_cross_entropy_with_logits";
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
        Matrix z = in[0];
        Matrix t = in[1];
        double sum = 0;
        for (int i = 0, n = z.size(); i < n; i++) {
            sum += loss(z.get(i), t.get(i));
        }
        out.set(0, sum);
    }

    private static double weightedLoss(Matrix z, Matrix t, Matrix w) {
        int k = z.rows();
        double sum = 0;
        for (int j = 0; j < z.cols(); j++) {
            double weight = w.get(j);
            for (int i = j * k, end = i + k; i < end; i++) {
                sum += weight * loss(z.get(i), t.get(i));
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
            gradIn[0].addZip(in[0], in[1], (z, t) -> g * (Sigmoid.sigmoid(z) - t));
        }
        if (gradIn[1] != null) {
            gradIn[1].addZip(in[0], in[1], (z, t) -> -g * z);
        }
    }

    private static void weightedBackward(Matrix z, Matrix t, Matrix w, double g, Matrix[] gradIn) {
        Matrix dz = gradIn[0];
        Matrix dt = gradIn[1];
        Matrix dw = gradIn[2];
        int k = z.rows();
        for (int j = 0; j < z.cols(); j++) {
            double gw = g * w.get(j);
            double columnLoss = 0;
            for (int i = j * k, end = i + k; i < end; i++) {
                double zi = z.get(i);
                double ti = t.get(i);
                if (dz != null) {
                    dz.set(i, dz.get(i) + gw * (Sigmoid.sigmoid(zi) - ti));
                }
                if (dt != null) {
                    dt.set(i, dt.get(i) + -gw * zi);
                }
                if (dw != null) {
                    columnLoss += loss(zi, ti);
                }
            }
            if (dw != null) {
                dw.set(j, dw.get(j) + g * columnLoss);
            }
        }
    }
}
