package dev.backprop.autodiff.ops;

import dev.backprop.tensor.DoubleMatrix;
import dev.backprop.tensor.FloatActivations;
import dev.backprop.tensor.FloatMatrix;
import dev.backprop.tensor.Matrix;

/** The rectifier {@code max(x, 0)}; {@code f' = 1} for {@code x > 0}, else 0 (0 at the kink). */
public final class Relu extends Elementwise {

    @Override
    public String name() {
        return "relu";
    }

    @Override
    public double value(double x) {
        return x > 0 ? x : 0;
    }

    @Override
    public double derivative(double x, double y) {
        return x > 0 ? 1 : 0;
    }

    @Override
    public void forward(Matrix[] in, Matrix out) {
        if (in[0] instanceof FloatMatrix fx && out instanceof FloatMatrix fy && fx.hasShape(fy.shape())) {
            float[] x = fx.data();
            float[] y = fy.data();
            int xo = fx.offset();
            int yo = fy.offset();
            int n = fx.size();
            FloatActivations.relu(x, xo, y, yo, n);
        } else if (in[0] instanceof DoubleMatrix dx && out instanceof DoubleMatrix dy && dx.hasShape(dy.shape())) {
            double[] x = dx.data();
            double[] y = dy.data();
            int xo = dx.offset();
            int yo = dy.offset();
            for (int i = 0, n = dx.size(); i < n; i++) {
                double v = x[xo + i];
                y[yo + i] = Math.max(v, 0.0);
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
            float[] x = fx.data();
            int to = ft.offset();
            int go = fg.offset();
            int xo = fx.offset();
            int n = ft.size();
            FloatActivations.addWherePositive(t, to, g, go, x, xo, n);
        } else if (target instanceof DoubleMatrix dt && gradOut instanceof DoubleMatrix dg
                && in[0] instanceof DoubleMatrix dx && out instanceof DoubleMatrix dy && sameShapes(dt, dg, dx, dy)) {
            double[] t = dt.data();
            double[] g = dg.data();
            double[] x = dx.data();
            int to = dt.offset();
            int go = dg.offset();
            int xo = dx.offset();
            for (int i = 0, n = dt.size(); i < n; i++) {
                t[to + i] += x[xo + i] > 0 ? g[go + i] : 0;
            }
        } else {
            super.backward(in, out, gradOut, gradIn);
        }
    }
}
