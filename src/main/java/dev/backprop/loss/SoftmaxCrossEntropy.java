package dev.backprop.loss;

import dev.backprop.autodiff.Op;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Shape;

/**
 * Softmax fused with cross-entropy, from logits {@code Z} (classes x examples) and target distributions {@code T}
 * (usually one-hot columns): {@code L = sum_j sum_k T_kj (lse_j - Z_kj)}, where
 * {@code lse_j = m_j + log sum_k exp(Z_kj - m_j)} and {@code m_j = max_k Z_kj}. Never takes the log of a softmax
 * that underflowed, so the loss and gradient stay finite for any finite logits.
 *
 * <p>Backward: {@code dZ_kj += g (p_kj sum_i T_ij - T_kj)} with {@code p = softmax(Z)} (computed as
 * {@code exp(Z_kj - m_j) / sum_i exp(Z_ij - m_j)}, one exp per element), which is
 * {@code g (p - T)} for one-hot targets; {@code dT_kj += g (lse_j - Z_kj)}.
 *
 * <p>With a third input of example weights {@code w} (1 x n, one per column): {@code L = sum_j w_j l_j} with
 * {@code l_j = sum_k T_kj (lse_j - Z_kj)}; backward {@code dZ_kj += g w_j (p_kj sum_i T_ij - T_kj)},
 * {@code dT_kj += g w_j (lse_j - Z_kj)}, {@code dw_j += g l_j}. Every term is accumulated in the same order as
 * without weights, so unit weights give bit-identical results.
 */
public final class SoftmaxCrossEntropy implements Op {

    @Override
    public String name() {
        return "softmax_cross_entropy";
    }

    @Override
    public Shape outputShape(Shape... inputs) {
        return LossShapes.scalarOfPair(name(), inputs);
    }

    /** {@code log sum_k exp(Z_kj)} of column {@code j}, computed with the max subtracted. */
    public static double logSumExp(Matrix z, int column) {
        int k = z.rows();
        int base = column * k;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < k; r++) {
            max = Math.max(max, z.get(base + r));
        }
        double s = 0;
        for (int r = 0; r < k; r++) {
            s += Math.exp(z.get(base + r) - max);
        }
        return max + Math.log(s);
    }

    @Override
    public void forward(Matrix[] in, Matrix out) {
        Matrix z = in[0];
        Matrix t = in[1];
        Matrix w = LossShapes.weights(in);
        int k = z.rows();
        double loss = 0;
        for (int j = 0; j < z.cols(); j++) {
            double lse = logSumExp(z, j);
            int base = j * k;
            if (w == null) {
                for (int r = 0; r < k; r++) {
                    double target = t.get(base + r);
                    if (target != 0) {
                        loss += target * (lse - z.get(base + r));
                    }
                }
            } else {
                double weight = w.get(j);
                for (int r = 0; r < k; r++) {
                    double target = t.get(base + r);
                    if (target != 0) {
                        loss += weight * (target * (lse - z.get(base + r)));
                    }
                }
            }
        }
        out.set(0, loss);
    }

    /** The loss of column {@code j} alone, {@code sum_k T_kj (lse_j - Z_kj)}, summed as in {@link #forward}. */
    private static double columnLoss(Matrix z, Matrix t, int j, double lse) {
        int k = z.rows();
        int base = j * k;
        double loss = 0;
        for (int r = 0; r < k; r++) {
            double target = t.get(base + r);
            if (target != 0) {
                loss += target * (lse - z.get(base + r));
            }
        }
        return loss;
    }

    @Override
    public void backward(Matrix[] in, Matrix out, Matrix gradOut, Matrix[] gradIn) {
        Matrix z = in[0];
        Matrix t = in[1];
        Matrix w = LossShapes.weights(in);
        Matrix dz = gradIn[0];
        Matrix dt = gradIn[1];
        Matrix dw = gradIn.length > 2 ? gradIn[2] : null;
        double g = gradOut.get(0);
        int k = z.rows();
        double[] exps = new double[k];
        for (int j = 0; j < z.cols(); j++) {
            int base = j * k;
            // One exp per element: e_r = exp(z_r - max), p_r = e_r / sum e, lse = max + log(sum e).
            double max = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < k; r++) {
                max = Math.max(max, z.get(base + r));
            }
            double sumExp = 0;
            for (int r = 0; r < k; r++) {
                exps[r] = Math.exp(z.get(base + r) - max);
                sumExp += exps[r];
            }
            double lse = max + Math.log(sumExp);
            double gw = w == null ? g : g * w.get(j);
            double targetMass = 0;
            for (int r = 0; r < k; r++) {
                targetMass += t.get(base + r);
            }
            for (int r = 0; r < k; r++) {
                int i = base + r;
                if (dz != null) {
                    double p = exps[r] / sumExp;
                    dz.set(i, dz.get(i) + gw * (p * targetMass - t.get(i)));
                }
                if (dt != null) {
                    dt.set(i, dt.get(i) + gw * (lse - z.get(i)));
                }
            }
            if (dw != null) {
                dw.set(j, dw.get(j) + g * columnLoss(z, t, j, lse));
            }
        }
    }
}
