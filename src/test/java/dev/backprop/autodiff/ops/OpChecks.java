package dev.backprop.autodiff.ops;

import dev.backprop.autodiff.GradientCheck;
import dev.backprop.autodiff.GradientCheck.TensorError;
import dev.backprop.autodiff.Graph;
import dev.backprop.autodiff.Node;
import dev.backprop.autodiff.Op;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import dev.backprop.tensor.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shared test helpers: seeded random matrices and the gradient check of one op with respect to every input.
 *
 * <p>{@link #assertGradientsMatch} builds {@code L = sum(op(v_1, ..., v_n) * R)}, where every input {@code v_i} is a
 * graph variable and {@code R} a random constant input of the output's shape, so that the upstream gradient reaching
 * the op is not all ones. It then requires, per input tensor, the error of {@link GradientCheck} to be below
 * {@link #TOLERANCE} and the backprop gradient to be finite and not identically zero (a check of two zero gradients
 * would prove nothing).
 */
public final class OpChecks {

    /** ||a - n|| / max(||a|| + ||n||, 1e-3) must stay below this for every checked tensor. */
    public static final double TOLERANCE = 1e-5;

    private OpChecks() {
    }

    /** A double matrix of values uniform in [lo, hi). */
    /** The op's output for {@code inputs}, in a new matrix of the shape the op gives. */
    public static Matrix forward(Op op, Matrix... inputs) {
        Shape[] shapes = new Shape[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            shapes[i] = inputs[i].shape();
        }
        Matrix out = Matrix.zeros(inputs[0].precision(), op.outputShape(shapes));
        op.forward(inputs, out);
        return out;
    }

    public static Matrix uniform(SplittableRandom rng, int rows, int cols, double lo, double hi) {
        Matrix m = Matrix.zeros(Precision.DOUBLE, rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.set(i, lo + (hi - lo) * rng.nextDouble());
        }
        return m;
    }

    /** A double matrix of values with random sign and magnitude uniform in [minAbs, maxAbs): away from zero. */
    public static Matrix awayFromZero(SplittableRandom rng, int rows, int cols, double minAbs, double maxAbs) {
        Matrix m = Matrix.zeros(Precision.DOUBLE, rows, cols);
        for (int i = 0; i < m.size(); i++) {
            double magnitude = minAbs + (maxAbs - minAbs) * rng.nextDouble();
            m.set(i, rng.nextBoolean() ? magnitude : -magnitude);
        }
        return m;
    }

    /** Columns that are one-hot vectors of a random class each. */
    public static Matrix oneHot(SplittableRandom rng, int classes, int examples) {
        Matrix m = Matrix.zeros(Precision.DOUBLE, classes, examples);
        for (int j = 0; j < examples; j++) {
            m.set(rng.nextInt(classes), j, 1);
        }
        return m;
    }

    /** Columns that are random probability distributions with every entry positive. */
    public static Matrix softDistributions(SplittableRandom rng, int classes, int examples) {
        Matrix m = uniform(rng, classes, examples, 0.05, 1);
        for (int j = 0; j < examples; j++) {
            double mass = 0;
            for (int r = 0; r < classes; r++) {
                mass += m.get(r, j);
            }
            for (int r = 0; r < classes; r++) {
                m.set(r, j, m.get(r, j) / mass);
            }
        }
        return m;
    }

    /** Runs the gradient check of {@code op} on copies of {@code inputs}, each input a variable. */
    public static List<TensorError> check(Op op, SplittableRandom rng, Matrix... inputs) {
        Graph graph = new Graph(Precision.DOUBLE);
        List<Node> variables = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            variables.add(graph.variable("in" + i, inputs[i].copy()));
        }
        Node out = graph.apply("out", op, variables.toArray(new Node[0]));
        graph.forward();
        Matrix weights = awayFromZero(rng, out.value().rows(), out.value().cols(), 0.5, 1.5);
        Node r = graph.input("R", weights);
        Node loss = graph.apply("L", new Sum(), graph.apply("weighted", new Multiply(), out, r));
        return GradientCheck.run(graph, loss, variables);
    }

    /** Asserts that backprop and central differences agree for every input of {@code op}. */
    public static void assertGradientsMatch(Op op, SplittableRandom rng, Matrix... inputs) {
        List<TensorError> errors = check(op, rng, inputs);
        assertEquals(inputs.length, errors.size());
        for (TensorError error : errors) {
            String context = op.name() + " on " + describe(inputs) + ": " + error;
            assertTrue(Double.isFinite(error.analyticNorm()), context);
            assertTrue(error.analyticNorm() > 0, "vacuous check, zero gradient: " + context);
            assertTrue(error.relativeError() < TOLERANCE, context);
        }
    }

    /** Shapes of the inputs, for messages. */
    public static String describe(Matrix... inputs) {
        return Arrays.stream(inputs).map(m -> m.shape().toString()).toList().toString();
    }

    /** The naive product {@code A B}, for reference values. */
    public static double[][] naiveProduct(Matrix a, Matrix b) {
        double[][] c = new double[a.rows()][b.cols()];
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < b.cols(); j++) {
                double s = 0;
                for (int p = 0; p < a.cols(); p++) {
                    s += a.get(i, p) * b.get(p, j);
                }
                c[i][j] = s;
            }
        }
        return c;
    }
}
