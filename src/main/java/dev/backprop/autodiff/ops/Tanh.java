package dev.backprop.autodiff.ops;

import dev.backprop.tensor.FloatActivations;

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
    protected boolean forwardFloat(float[] x, int xo, float[] y, int yo, int n) {
        FloatActivations.tanh(x, xo, y, yo, n);
        return true;
    }

    @Override
    protected boolean forwardDouble(double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] = Math.tanh(x[xo + i]);
        }
        return true;
    }

    @Override
    protected boolean backwardFloat(float[] t, int to, float[] g, int go, float[] x, int xo, float[] y, int yo,
                                    int n) {
        FloatActivations.addTanhGradient(t, to, g, go, y, yo, n);
        return true;
    }

    @Override
    protected boolean backwardDouble(double[] t, int to, double[] g, int go, double[] x, int xo, double[] y, int yo,
                                     int n) {
        for (int i = 0; i < n; i++) {
            t[to + i] += g[go + i] * (1 - y[yo + i] * y[yo + i]);
        }
        return true;
    }
}
