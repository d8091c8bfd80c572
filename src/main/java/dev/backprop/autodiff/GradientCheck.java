package dev.backprop.autodiff;

import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares backprop's gradients with central differences, in double precision. For each checked tensor the error
 * is {@code ||a - n|| / max(||a|| + ||n||, 1e-3)}, where {@code a} is the backprop gradient and {@code n} the
 * numeric one, {@code n_i = (L(x + eps e_i) - L(x - eps e_i)) / (2 eps)}.
 *
 * <p>The check overwrites the gradient buffers of the checked parameters (they are zeroed before its backward
 * pass) and restores every perturbed value.
 */
public final class GradientCheck {

    /** The default step, about the cube root of double's epsilon scaled for values of order 1. */
    public static final double DEFAULT_EPSILON = 1e-6;

    /** The error of one tensor. */
    public record TensorError(String name, double relativeError, double analyticNorm, double numericNorm) {
        @Override
        public String toString() {
            return String.format("%s: relative error %.3e (|backprop| %.6g, |numeric| %.6g)", name, relativeError,
                    analyticNorm, numericNorm);
        }
    }

    private GradientCheck() {
    }

    /** Checks d output / d node for each node of {@code wrt}, with {@link #DEFAULT_EPSILON}. */
    public static List<TensorError> run(Graph graph, Node output, List<Node> wrt) {
        return run(graph, output, wrt, DEFAULT_EPSILON);
    }

    /** Checks d output / d node for each node of {@code wrt} with step {@code epsilon}. */
    public static List<TensorError> run(Graph graph, Node output, List<Node> wrt, double epsilon) {
        if (graph.precision() != Precision.DOUBLE) {
            throw new IllegalArgumentException("gradient checks run in double precision, the graph is "
                    + graph.precision());
        }
        for (Node node : wrt) {
            if (!node.requiresGrad() || node.op() != null) {
                throw new IllegalArgumentException("node " + node.name() + " is not a parameter or variable");
            }
            if (node.kind() == Node.Kind.PARAMETER) {
                node.grad().fill(0);
            }
        }
        graph.forward();
        graph.backward(output);
        List<Matrix> analytic = new ArrayList<>();
        for (Node node : wrt) {
            analytic.add(node.grad().copy());
        }
        List<TensorError> errors = new ArrayList<>();
        for (int t = 0; t < wrt.size(); t++) {
            Node node = wrt.get(t);
            Matrix numeric = numericGradient(graph, output, node.value(), epsilon);
            errors.add(compare(node.name(), analytic.get(t), numeric));
        }
        return errors;
    }

    /** The largest error of a check. */
    public static double maxError(List<TensorError> errors) {
        return errors.stream().mapToDouble(TensorError::relativeError).max().orElse(0);
    }

    private static Matrix numericGradient(Graph graph, Node output, Matrix value, double epsilon) {
        Matrix numeric = value.newZeros(value.rows(), value.cols());
        for (int i = 0; i < value.size(); i++) {
            double original = value.get(i);
            value.set(i, original + epsilon);
            graph.forward();
            double plus = output.value().get(0);
            value.set(i, original - epsilon);
            graph.forward();
            double minus = output.value().get(0);
            value.set(i, original);
            numeric.set(i, (plus - minus) / (2 * epsilon));
        }
        graph.forward();
        return numeric;
    }

    private static TensorError compare(String name, Matrix analytic, Matrix numeric) {
        Matrix difference = analytic.copy();
        difference.axpy(-1, numeric);
        double a = analytic.norm();
        double n = numeric.norm();
        return new TensorError(name, difference.norm() / Math.max(a + n, 1e-3), a, n);
    }
}
