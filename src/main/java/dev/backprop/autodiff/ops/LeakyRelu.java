package dev.backprop.autodiff.ops;

import dev.backprop.tensor.FloatActivations;

/** {@code x} for {@code x > 0}, else {@code slope * x}; {@code f' = 1} or {@code slope}. */
public final class LeakyRelu extends Elementwise {

    /** The usual slope for negative inputs. */
    public static final double DEFAULT_SLOPE = 0.01;

    private final double slope;

    public LeakyRelu() {
        this(DEFAULT_SLOPE);
    }

    public LeakyRelu(double slope) {
        if (!(slope >= 0 && slope < 1)) {
            throw new IllegalArgumentException("leaky ReLU slope must be in [0, 1), got " + slope);
        }
        this.slope = slope;
    }

    public double slope() {
        return slope;
    }

    @Override
    public String name() {
        return "leaky_relu";
    }

    @Override
    public double value(double x) {
        return x > 0 ? x : slope * x;
    }

    @Override
    public double derivative(double x, double y) {
        return x > 0 ? 1 : slope;
    }

    @Override
    protected boolean forwardFloat(float[] x, int xo, float[] y, int yo, int n) {
        FloatActivations.leakyRelu(x, xo, y, yo, n, (float) slope);
        return true;
    }

    @Override
    protected boolean forwardDouble(double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[xo + i];
            y[yo + i] = v > 0 ? v : slope * v;
        }
        return true;
    }

    @Override
    protected boolean backwardFloat(float[] t, int to, float[] g, int go, float[] x, int xo, float[] y, int yo,
                                    int n) {
        FloatActivations.addLeaky(t, to, g, go, x, xo, n, (float) slope);
        return true;
    }

    @Override
    protected boolean backwardDouble(double[] t, int to, double[] g, int go, double[] x, int xo, double[] y, int yo,
                                     int n) {
        for (int i = 0; i < n; i++) {
            t[to + i] += x[xo + i] > 0 ? g[go + i] : slope * g[go + i];
        }
        return true;
    }
}
