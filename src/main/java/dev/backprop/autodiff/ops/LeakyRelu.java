package dev.backprop.autodiff.ops;

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
}
