package dev.backprop.autodiff.ops;

import dev.backprop.tensor.DoubleMatrix;
import dev.backprop.tensor.FloatActivations;
import dev.backprop.tensor.FloatMatrix;
import dev.backprop.tensor.Matrix;

/** The logistic function {@code 1 / (1 + e^-x)}, computed without overflow; {@code f' = y (1 - y)}. */
public final class Sigmoid extends Elementwise {

    /** The logistic function, stable for any finite x (no exp of a large positive number). */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public double value(double x) {
        return sigmoid(x);
    }

    @Override
    public double derivative(double x, double y) {
        return y * (1 - y);
    }

    @Override
    public void forward(Matrix[] in, Matrix out) {
        if (in[0] instanceof FloatMatrix fx && out instanceof FloatMatrix fy && fx.hasShape(fy.shape())) {
            float[] x = fx.data();
            float[] y = fy.data();
            int xo = fx.offset();
            int yo = fy.offset();
            int n = fx.size();
            FloatActivations.sigmoid(x, xo, y, yo, n);
        } else if (in[0] instanceof DoubleMatrix dx && out instanceof DoubleMatrix dy && dx.hasShape(dy.shape())) {
            double[] x = dx.data();
            double[] y = dy.data();
            int xo = dx.offset();
            int yo = dy.offset();
            for (int i = 0, n = dx.size(); i < n; i++) {
                double v = x[xo + i];
                y[yo + i] = sigmoid(v);
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
            FloatActivations.addSigmoidGradient(t, to, g, go, y, yo, n);
        } else if (target instanceof DoubleMatrix dt && gradOut instanceof DoubleMatrix dg
                && in[0] instanceof DoubleMatrix dx && out instanceof DoubleMatrix dy && sameShapes(dt, dg, dx, dy)) {
            double[] t = dt.data();
            double[] g = dg.data();
            double[] y = dy.data();
            int to = dt.offset();
            int go = dg.offset();
            int yo = dy.offset();
            for (int i = 0, n = dt.size(); i < n; i++) {
                t[to + i] += g[go + i] * y[yo + i] * (1 - y[yo + i]);
            }
        } else {
            super.backward(in, out, gradOut, gradIn);
        }
    }
}
