package dev.backprop.autodiff.ops;

import dev.backprop.tensor.FloatActivations;

/** The rectifier {@code max(x, 0)}; {@code f' = 1} for {@code x > 0}, else 0 (0 at the kink). */
public final class Relu extends Elementwise {

    @Override
    public String name() {
        return "relu";
    }

    @Override
    public double value(double x) {
        return Math.max(x, 0); // as the kernels: NaN stays NaN
    }

    @Override
    public double derivative(double x, double y) {
        return x > 0 ? 1 : 0;
    }

    @Override
    protected boolean forwardFloat(float[] x, int xo, float[] y, int yo, int n) {
        FloatActivations.relu(x, xo, y, yo, n);
        return true;
    }

    @Override
    protected boolean forwardDouble(double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] = Math.max(x[xo + i], 0.0);
        }
        return true;
    }

    @Override
    protected boolean backwardFloat(float[] t, int to, float[] g, int go, float[] x, int xo, float[] y, int yo,
                                    int n) {
        FloatActivations.addWherePositive(t, to, g, go, x, xo, n);
        return true;
    }

    @Override
    protected boolean backwardDouble(double[] t, int to, double[] g, int go, double[] x, int xo, double[] y, int yo,
                                     int n) {
        for (int i = 0; i < n; i++) {
            t[to + i] += x[xo + i] > 0 ? g[go + i] : 0;
        }
        return true;
    }
}
