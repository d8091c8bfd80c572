package dev.backprop.autodiff.ops;

import dev.backprop.tensor.FloatActivations;

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
    protected boolean forwardFloat(float[] x, int xo, float[] y, int yo, int n) {
        FloatActivations.sigmoid(x, xo, y, yo, n);
        return true;
    }

    @Override
    protected boolean forwardDouble(double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] = sigmoid(x[xo + i]);
        }
        return true;
    }

    @Override
    protected boolean backwardFloat(float[] t, int to, float[] g, int go, float[] x, int xo, float[] y, int yo,
                                    int n) {
        FloatActivations.addSigmoidGradient(t, to, g, go, y, yo, n);
        return true;
    }

    @Override
    protected boolean backwardDouble(double[] t, int to, double[] g, int go, double[] x, int xo, double[] y, int yo,
                                     int n) {
        for (int i = 0; i < n; i++) {
            t[to + i] += g[go + i] * y[yo + i] * (1 - y[yo + i]);
        }
        return true;
    }
}
