package dev.backprop.autodiff.ops;

/** The hyperbolic tangent; {@code f' = 1 - y^2}. */
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
}
