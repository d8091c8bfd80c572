package dev.backprop.autodiff.ops;

import dev.backprop.tensor.DoubleMatrix;
import dev.backprop.tensor.FloatActivations;
import dev.backprop.tensor.FloatMatrix;
import dev.backprop.tensor.Matrix;

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
    public void forward(Matrix[] in, Matrix out) {
        if (in[0] instanceof FloatMatrix fx && out instanceof FloatMatrix fy && fx.hasShape(fy.shape())) {
            float[] x = fx.data();
            float[] y = fy.data();
            int xo = fx.offset();
            int yo = fy.offset();
            int n = fx.size();
            FloatActivations.leakyRelu(x, xo, y, yo, n, (float) slope);
        } else if (in[0] instanceof DoubleMatrix dx && out instanceof DoubleMatrix dy && dx.hasShape(dy.shape())) {
            double[] x = dx.data();
            double[] y = dy.data();
            int xo = dx.offset();
            int yo = dy.offset();
            for (int i = 0, n = dx.size(); i < n; i++) {
                double v = x[xo + i];
                y[yo + i] = v > 0 ? v : slope * v;
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
            FloatActivations.addLeaky(t, to, g, go, x, xo, n, (float) slope);
        } else if (target instanceof DoubleMatrix dt && gradOut instanceof DoubleMatrix dg
                && in[0] instanceof DoubleMatrix dx && out instanceof DoubleMatrix dy && sameShapes(dt, dg, dx, dy)) {
            double[] t = dt.data();
            double[] g = dg.data();
            double[] x = dx.data();
            int to = dt.offset();
            int go = dg.offset();
            int xo = dx.offset();
            for (int i = 0, n = dt.size(); i < n; i++) {
                t[to + i] += x[xo + i] > 0 ? g[go + i] : slope * g[go + i];
            }
        } else {
            super.backward(in, out, gradOut, gradIn);
        }
    }
}
