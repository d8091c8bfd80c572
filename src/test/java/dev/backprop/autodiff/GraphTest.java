package dev.backprop.autodiff;

import dev.backprop.autodiff.GradientCheck.TensorError;
import dev.backprop.autodiff.ops.Add;
import dev.backprop.autodiff.ops.MatMul;
import dev.backprop.autodiff.ops.Multiply;
import dev.backprop.autodiff.ops.OpChecks;
import dev.backprop.autodiff.ops.Scale;
import dev.backprop.autodiff.ops.Sigmoid;
import dev.backprop.autodiff.ops.Sum;
import dev.backprop.autodiff.ops.Tanh;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import dev.backprop.tensor.ShapeException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static dev.backprop.autodiff.ops.OpChecks.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tape itself: fan-out (a node used several times receives every contribution), parameter gradients that are
 * added into while interior and variable gradients are reset, and the errors of forward and backward.
 */
class GraphTest {

    private static final Precision D = Precision.DOUBLE;

    // ---- fan-out -------------------------------------------------------------------------------------------------

    @Test
    void nodeUsedTwiceGetsBothContributions() {
        // b = a + a, c = b + b, L = sum(c) = 4 sum(a): dL/da = 4 exactly in every element.
        Graph graph = new Graph(D);
        Node a = graph.variable("a", uniform(new SplittableRandom(1), 3, 2, -1, 1));
        Node b = graph.apply("b", new Add(), a, a);
        Node c = graph.apply("c", new Add(), b, b);
        Node loss = graph.apply("L", new Sum(), c);
        graph.forwardBackward(loss);
        assertArrayEquals(new double[]{4, 4, 4, 4, 4, 4}, a.grad().toDoubleArray(), 0);
        assertArrayEquals(new double[]{2, 2, 2, 2, 2, 2}, b.grad().toDoubleArray(), 0);
        assertEquals(4 * a.value().sum(), loss.value().get(0), 1e-15);
    }

    @Test
    void squareThroughMultiplyOfANodeWithItself() {
        // L = sum(a * a): dL/da = 2a.
        Graph graph = new Graph(D);
        Node a = graph.variable("a", uniform(new SplittableRandom(2), 4, 3, -2, 2));
        Node loss = graph.apply("L", new Sum(), graph.apply("sq", new Multiply(), a, a));
        graph.forwardBackward(loss);
        for (int i = 0; i < a.value().size(); i++) {
            assertEquals(2 * a.value().get(i), a.grad().get(i), 0);
        }
        assertTrue(GradientCheck.maxError(GradientCheck.run(graph, loss, List.of(a))) < OpChecks.TOLERANCE);
    }

    @Test
    void weightSharedByTwoBranchesGetsBothContributions() {
        // y1 = W x1, y2 = W x2, L = sum(y1) + sum(y2): dL/dW_ij = sum_c x1_jc + sum_c x2_jc.
        SplittableRandom rng = new SplittableRandom(3);
        Matrix w = uniform(rng, 3, 4, -1, 1);
        Matrix gw = Matrix.zeros(D, 3, 4);
        Matrix x1 = uniform(rng, 4, 2, -1, 1);
        Matrix x2 = uniform(rng, 4, 5, -1, 1);
        Graph graph = new Graph(D);
        Node W = graph.parameter("W", w, gw);
        Node y1 = graph.apply("y1", new MatMul(), W, graph.input("x1", x1));
        Node y2 = graph.apply("y2", new MatMul(), W, graph.input("x2", x2));
        Node loss = graph.apply("L", new Add(), graph.apply(new Sum(), y1), graph.apply(new Sum(), y2));
        graph.forwardBackward(loss);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                double expected = 0;
                for (int c = 0; c < 2; c++) {
                    expected += x1.get(j, c);
                }
                for (int c = 0; c < 5; c++) {
                    expected += x2.get(j, c);
                }
                assertEquals(expected, gw.get(i, j), 1e-14, "dL/dW(" + i + "," + j + ")");
            }
        }
        List<TensorError> errors = GradientCheck.run(graph, loss, List.of(W));
        assertTrue(GradientCheck.maxError(errors) < OpChecks.TOLERANCE, errors.toString());
    }

    @Test
    void sharedWeightThroughNonlinearBranchesPassesGradientCheck() {
        // L = sum(R1 * tanh(W x1)) + sum(R2 * sigmoid(W x2)), W a parameter, x1 a variable.
        SplittableRandom rng = new SplittableRandom(4);
        Graph graph = new Graph(D);
        Node W = graph.parameter("W", uniform(rng, 3, 4, -1, 1), Matrix.zeros(D, 3, 4));
        Node x1 = graph.variable("x1", uniform(rng, 4, 2, -1, 1));
        Node x2 = graph.input("x2", uniform(rng, 4, 3, -1, 1));
        Node h1 = graph.apply(new Tanh(), graph.apply(new MatMul(), W, x1));
        Node h2 = graph.apply(new Sigmoid(), graph.apply(new MatMul(), W, x2));
        Node l1 = graph.apply(new Sum(), graph.apply(new Multiply(), h1, graph.input("R1", uniform(rng, 3, 2, -1, 1))));
        Node l2 = graph.apply(new Sum(), graph.apply(new Multiply(), h2, graph.input("R2", uniform(rng, 3, 3, -1, 1))));
        Node loss = graph.apply("L", new Add(), l1, l2);
        List<TensorError> errors = GradientCheck.run(graph, loss, List.of(W, x1));
        assertTrue(GradientCheck.maxError(errors) < OpChecks.TOLERANCE, errors.toString());
    }

    // ---- gradient buffers ----------------------------------------------------------------------------------------

    @Test
    void backwardAddsIntoParameterGradientsAndResetsOthers() {
        SplittableRandom rng = new SplittableRandom(5);
        Matrix gw = Matrix.zeros(D, 2, 3);
        Graph graph = new Graph(D);
        Node W = graph.parameter("W", uniform(rng, 2, 3, -1, 1), gw);
        Node x = graph.variable("x", uniform(rng, 3, 4, -1, 1));
        Node h = graph.apply("h", new Tanh(), graph.apply("Wx", new MatMul(), W, x));
        Node loss = graph.apply("L", new Sum(), graph.apply(new Multiply(), h, graph.input("R", uniform(rng, 2, 4, -1, 1))));

        graph.forwardBackward(loss);
        double[] paramOnce = gw.toDoubleArray();
        double[] variableOnce = x.grad().toDoubleArray();
        double[] interiorOnce = h.grad().toDoubleArray();
        assertTrue(gw.norm() > 0);

        graph.forwardBackward(loss);
        for (int i = 0; i < paramOnce.length; i++) {
            assertEquals(2 * paramOnce[i], gw.get(i), 0, "parameter gradients are summed over passes");
        }
        assertArrayEquals(variableOnce, x.grad().toDoubleArray(), 0, "variable gradients are reset");
        assertArrayEquals(interiorOnce, h.grad().toDoubleArray(), 0, "interior gradients are reset");
        assertSame(gw, W.grad(), "the parameter keeps the gradient buffer it was given");
    }

    @Test
    void parameterGradientsCanBeViewsIntoOneFlatVector() {
        // W (2x3) at [0, 6) and b (2x1) at [6, 8) of a flat gradient of 9 values; the last value is not a parameter.
        Matrix flatValue = uniform(new SplittableRandom(6), 9, 1, -1, 1);
        Matrix flatGrad = Matrix.zeros(D, 9, 1);
        flatGrad.set(8, 7);
        Graph graph = new Graph(D);
        Node W = graph.parameter("W", flatValue.view(0, 2, 3), flatGrad.view(0, 2, 3));
        Node b = graph.parameter("b", flatValue.view(6, 2, 1), flatGrad.view(6, 2, 1));
        Matrix x = Matrix.of(D, 3, 1, 1, 2, 3);
        Node y = graph.apply(new MatMul(), W, graph.input("x", x));
        Node loss = graph.apply(new Sum(), graph.apply(new Add(), y, b));
        graph.forwardBackward(loss);
        // dL/dW_ij = x_j, dL/db_i = 1; column-major W: (0,0),(1,0),(0,1),(1,1),(0,2),(1,2).
        assertArrayEquals(new double[]{1, 1, 2, 2, 3, 3, 1, 1, 7}, flatGrad.toDoubleArray(), 0);
    }

    @Test
    void nodesTheOutputDoesNotDependOnAreLeftAlone() {
        Graph graph = new Graph(D);
        Node a = graph.variable("a", Matrix.of(D, 1, 1, 2));
        Node unused = graph.variable("unused", Matrix.of(D, 1, 1, 3));
        Node other = graph.apply("other", new Scale(5), unused);
        Node loss = graph.apply("L", new Scale(3), a);
        graph.forwardBackward(loss);
        assertEquals(3, a.grad().get(0), 0);
        assertNull(unused.grad());
        assertNull(other.grad());
        assertEquals(15, other.value().get(0), 0, "forward still computes every node");
    }

    @Test
    void deepChainIsWalkedWithoutRecursion() {
        // 20000 nodes x_{i+1} = 1.0001 x_i: a recursive walk would overflow the stack.
        Graph graph = new Graph(D);
        Node x = graph.variable("x", Matrix.of(D, 1, 1, 1));
        Node h = x;
        int depth = 20_000;
        for (int i = 0; i < depth; i++) {
            h = graph.apply(new Scale(1.0001), h);
        }
        graph.forwardBackward(h);
        assertEquals(Math.pow(1.0001, depth), x.grad().get(0), 1e-9 * Math.pow(1.0001, depth));
    }

    // ---- errors --------------------------------------------------------------------------------------------------

    @Test
    void forwardWithUnsetInputNamesTheNode() {
        Graph graph = new Graph(D);
        Node features = graph.input("features");
        Node w = graph.variable("w", Matrix.zeros(D, 2, 3));
        graph.apply("y", new MatMul(), w, features);
        IllegalStateException e = assertThrows(IllegalStateException.class, graph::forward);
        assertTrue(e.getMessage().contains("features"), e.getMessage());
    }

    @Test
    void shapeMismatchInForwardNamesTheNodeAndBothShapes() {
        Graph graph = new Graph(D);
        Node w = graph.variable("w", Matrix.zeros(D, 2, 3));
        Node x = graph.input("x", Matrix.zeros(D, 4, 5));
        graph.apply("hidden", new MatMul(), w, x);
        ShapeException e = assertThrows(ShapeException.class, graph::forward);
        assertTrue(e.getMessage().contains("hidden"), e.getMessage());
        assertTrue(e.getMessage().contains("2x3"), e.getMessage());
        assertTrue(e.getMessage().contains("4x5"), e.getMessage());
    }

    @Test
    void shapeMismatchAfterANewBlockIsReported() {
        Graph graph = new Graph(D);
        Node a = graph.variable("a", Matrix.zeros(D, 2, 3));
        Node b = graph.input("b", Matrix.zeros(D, 2, 3));
        graph.apply("sum_ab", new Add(), a, b);
        graph.forward();
        graph.setInput(b, Matrix.zeros(D, 2, 4));
        ShapeException e = assertThrows(ShapeException.class, graph::forward);
        assertTrue(e.getMessage().contains("sum_ab") && e.getMessage().contains("2x3")
                && e.getMessage().contains("2x4"), e.getMessage());
    }

    @Test
    void backwardFromANonScalarNodeIsRefused() {
        Graph graph = new Graph(D);
        Node a = graph.variable("a", Matrix.zeros(D, 2, 3));
        Node h = graph.apply("activations", new Tanh(), a);
        graph.forward();
        ShapeException e = assertThrows(ShapeException.class, () -> graph.backward(h));
        assertTrue(e.getMessage().contains("activations") && e.getMessage().contains("2x3"), e.getMessage());
    }

    @Test
    void backwardBeforeForwardOrWithoutGradientIsRefused() {
        Graph graph = new Graph(D);
        Node a = graph.variable("a", Matrix.zeros(D, 2, 3));
        Node loss = graph.apply("L", new Sum(), a);
        assertThrows(IllegalStateException.class, () -> graph.backward(loss));
        Node constant = graph.apply("C", new Sum(), graph.input("x", Matrix.zeros(D, 2, 2)));
        graph.forward();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> graph.backward(constant));
        assertTrue(e.getMessage().contains("C"), e.getMessage());
    }

    @Test
    void wrongPrecisionAndForeignNodesAreRejected() {
        Graph graph = new Graph(D);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> graph.input("x", Matrix.zeros(Precision.FLOAT, 2, 2)));
        assertTrue(e.getMessage().contains("x") && e.getMessage().contains("FLOAT"), e.getMessage());
        Graph other = new Graph(D);
        Node foreign = other.variable("foreign", Matrix.zeros(D, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> graph.apply("s", new Sum(), foreign));
        ShapeException s = assertThrows(ShapeException.class,
                () -> graph.parameter("W", Matrix.zeros(D, 2, 3), Matrix.zeros(D, 3, 2)));
        assertTrue(s.getMessage().contains("2x3") && s.getMessage().contains("3x2"), s.getMessage());
    }

    @Test
    void nodesAreKeptInCreationOrder() {
        Graph graph = new Graph(D);
        Node a = graph.variable("a", Matrix.zeros(D, 1, 1));
        Node b = graph.apply("b", new Scale(2), a);
        Node c = graph.apply("c", new Add(), a, b);
        assertEquals(List.of(a, b, c), graph.nodes());
        for (Node node : graph.nodes()) {
            for (Node parent : node.parents()) {
                assertTrue(parent.index() < node.index());
            }
        }
    }
}
