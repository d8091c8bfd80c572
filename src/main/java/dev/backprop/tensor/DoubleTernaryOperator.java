package dev.backprop.tensor;

/** A function of three doubles, for elementwise kernels that read three matrices. */
@FunctionalInterface
public interface DoubleTernaryOperator {
    double apply(double a, double b, double c);
}
