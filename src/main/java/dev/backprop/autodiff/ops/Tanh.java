package dev.backprop.autodiff.ops;

import dev.backprop.tensor.DoubleMatrix;
import dev.backprop.tensor.FloatActivations;
import dev.backprop.tensor.FloatMatrix;
import dev.backprop.tensor.Matrix;

/**
 * The hyperbolic tangent; {@code f' = 1 - y^2}. In double precision it is {@link Math#tanh}; float matrices use
 * {@link FloatActivations#tanh}, {@code 1 - 2 / (e^{2x} + 1)}.
 */
public final class Tanh extends Elementwise {

    @Override
    public String name() {
        return "tanh";
    }

    @Override
    public double value(double x) {
        return Math.tanh(x);
    }

    @Override
    public double derivative(double x, double y) {
        return 1 - y * y;
    }

    @Override
    public void forward(Matrix[] in, Matrix out) {
        if (in[0] instanceof FloatMatrix fx && out instanceof FloatMatrix fy && fx.hasShape(fy.shape())) {
            float[] x = fx.data();
            float[] y = fy.data();
            int xo = fx.offset();
            int yo = fy.offset();
            int n = fx.size();
            FloatActivations.tanh(x, xo, y, yo, n);
        } else if (in[0] instanceof DoubleMatrix dx && out instanceof DoubleMatrix dy && dx.hasShape(dy.shape())) {
            double[] x = dx.data();
            double[] y = dy.data();
            int xo = dx.offset();
            int yo = dy.offset();
            for (int i = 0, n = dx.size(); i < n; i++) {
                double v = x[xo + i];
                y[yo + i] = Math.tanh(v);
            }
        } else {
            super.forward(in, out);
        }
    }

    @Override
    public void backward(Matrix[] in, Matrix out, Matrix gradOut, Matrix[] gradIn) {
        Matrix target = gradIn[0];
        if (target == null) {
            return;
        }
        if (target instanceof FloatMatrix ft && gradOut instanceof FloatMatrix fg && in[0] instanceof FloatMatrix fx
                && out instanceof FloatMatrix fy && sameShapes(ft, fg, fx, fy)) {
            float[] t = ft.data();
            float[] g = fg.data();
            float[] y = fy.data();
            int to = ft.offset();
            int go = fg.offset();
            int yo = fy.offset();
            int n = ft.size();
            FloatActivations.addTanhGradient(t, to, g, go, y, yo, n);
        } else if (target instanceof DoubleMatrix dt && gradOut instanceof DoubleMatrix dg
                && in[0] instanceof DoubleMatrix dx && out instanceof DoubleMatrix dy && sameShapes(dt, dg, dx, dy)) {
            double[] t = dt.data();
            double[] g = dg.data();
            double[] y = dy.data();
            int to = dt.offset();
            int go = dg.offset();
            int yo = dy.offset();
            for (int i = 0, n = dt.size(); i < n; i++) {
                t[to + i] += g[go + i] * (1 - y[yo + i] * y[yo + i]);
            }
        } else {
            super.backward(in, out, gradOut, gradIn);
        }
    }
}
