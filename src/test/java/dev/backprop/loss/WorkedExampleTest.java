package dev.backprop.loss;

import dev.backprop.autodiff.GradientCheck;
import dev.backprop.autodiff.GradientCheck.TensorError;
import dev.backprop.autodiff.Graph;
import dev.backprop.autodiff.Node;
import dev.backprop.autodiff.ops.Add;
import dev.backprop.autodiff.ops.BiasAdd;
import dev.backprop.autodiff.ops.MatMul;
import dev.backprop.autodiff.ops.OpChecks;
import dev.backprop.autodiff.ops.Scale;
import dev.backprop.autodiff.ops.Sigmoid;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The worked example of the design notes: z = w x + b, y = sigmoid(z), L = 1/2 (y - t)^2, R = 1/2 w^2,
 * L_reg = L + lambda R, with dL_reg/dw = (y - t) sigmoid'(z) x + lambda w and dL_reg/db = (y - t) sigmoid'(z).
 * Backprop, the closed form and central differences must agree.
 */
class WorkedExampleTest {

    private static final Precision D = Precision.DOUBLE;

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** Builds L_reg for examples x (1xn) and targets t (1xn) and checks it against the closed form. */
    private static void check(double w, double b, double lambda, double[] xs, double[] ts) {
        Matrix gw = Matrix.zeros(D, 1, 1);
        Matrix gb = Matrix.zeros(D, 1, 1);
        Graph graph = new Graph(D);
        Node wn = graph.parameter("w", Matrix.scalar(D, w), gw);
        Node bn = graph.parameter("b", Matrix.scalar(D, b), gb);
        Node x = graph.input("x", Matrix.of(D, 1, xs.length, xs));
        Node t = graph.input("t", Matrix.of(D, 1, ts.length, ts));
        Node z = graph.apply("z", new BiasAdd(), graph.apply("wx", new MatMul(), wn, x), bn);
        Node y = graph.apply("y", new Sigmoid(), z);
        Node loss = graph.apply("L", new SquaredError(), y, t);
        Node reg = graph.apply("R", new L2Regularizer(), wn);
        Node total = graph.apply("L_reg", new Add(), loss, graph.apply("lambda R", new Scale(lambda), reg));
        double value = graph.forwardBackward(total);

        double expectedValue = 0.5 * lambda * w * w;
        double expectedGw = lambda * w;
        double expectedGb = 0;
        for (int i = 0; i < xs.length; i++) {
            double zi = w * xs[i] + b;
            double yi = sigmoid(zi);
            double slope = yi * (1 - yi);
            expectedValue += 0.5 * (yi - ts[i]) * (yi - ts[i]);
            expectedGw += (yi - ts[i]) * slope * xs[i];
            expectedGb += (yi - ts[i]) * slope;
        }
        assertEquals(expectedValue, value, 1e-15);
        assertEquals(expectedGw, gw.get(0), 1e-15, "dL_reg/dw");
        assertEquals(expectedGb, gb.get(0), 1e-15, "dL_reg/db");

        List<TensorError> errors = GradientCheck.run(graph, total, List.of(wn, bn));
        assertTrue(GradientCheck.maxError(errors) < OpChecks.TOLERANCE, errors.toString());
        assertEquals(expectedGw, gw.get(0), 1e-15, "the check's own backward agrees");
    }

    @Test
    void oneExample() {
        check(0.7, -0.2, 0.1, new double[]{1.5}, new double[]{0.25});
    }

    @Test
    void blockOfExamplesSumsTheirGradients() {
        check(-1.3, 0.4, 0.05, new double[]{0.5, -2, 1.25, 3}, new double[]{1, 0, 0.5, 0.8});
    }
}
