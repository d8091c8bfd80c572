package dev.backprop.autodiff.ops;

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
}
