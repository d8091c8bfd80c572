package dev.backprop.autodiff.ops;

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
}
