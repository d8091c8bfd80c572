package dev.backprop.optim;

import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.ShapeException;

/**
 * Gradient descent with an L2 regularizer: {@code w <- w - alpha (g + lambda m w)}, where {@code m} is 1 for the
 * entries the regularizer applies to (weights; biases only when asked) and 0 elsewhere. Stateless.
 */
public final class GradientDescent implements UpdateRule {

    private final double learningRate;
    private final double l2;
    private final Matrix regularizationMask;

    /**
     * @param learningRate       alpha, positive
     * @param l2                 lambda, zero or positive
     * @param regularizationMask 1 where the regularizer applies, 0 elsewhere; same shape as the weights
     */
    public GradientDescent(double learningRate, double l2, Matrix regularizationMask) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("L2 strength must be zero or a positive number, got " + l2);
        }
        this.learningRate = learningRate;
        this.l2 = l2;
        this.regularizationMask = regularizationMask;
    }

    public double learningRate() {
        return learningRate;
    }

    public double l2() {
        return l2;
    }

    @Override
    public void update(Matrix weights, Matrix meanGradient) {
        if (!weights.shape().equals(meanGradient.shape()) || !weights.shape().equals(regularizationMask.shape())) {
            throw new ShapeException("gradient descent: weights " + weights.shape() + ", gradient "
                    + meanGradient.shape() + " and mask " + regularizationMask.shape() + " must have one shape");
        }
        for (int i = 0, n = weights.size(); i < n; i++) {
            double w = weights.get(i);
            double g = meanGradient.get(i) + l2 * regularizationMask.get(i) * w;
            weights.set(i, w - learningRate * g);
        }
    }

    /** {@code lambda/2 * sum over masked entries of w^2}: the regularizer's share of the objective. */
    public double penalty(Matrix weights) {
        if (!weights.shape().equals(regularizationMask.shape())) {
            throw new ShapeException("L2 penalty: weights " + weights.shape() + " and mask "
                    + regularizationMask.shape() + " must have one shape");
        }
        double s = 0;
        for (int i = 0, n = weights.size(); i < n; i++) {
            double w = weights.get(i);
            s += regularizationMask.get(i) * w * w;
        }
        return 0.5 * l2 * s;
    }
}
