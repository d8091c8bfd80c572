package dev.backprop.autodiff.ops;

import dev.backprop.autodiff.Graph;
import dev.backprop.autodiff.Node;
import dev.backprop.autodiff.Op;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import dev.backprop.tensor.Shape;
import dev.backprop.tensor.ShapeException;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

import static dev.backprop.autodiff.ops.OpChecks.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forward values of the ops against hand-computed or naive reference values (a gradient check alone would not notice
 * a forward and a backward that are wrong in the same way), the output shape rules, and the activations at extreme
 * inputs.
 */
class OpForwardTest {

    private static final Precision D = Precision.DOUBLE;

    private static Matrix run(Op op, Matrix... in) {
        return OpChecks.forward(op, in);
    }

    @Test
    void matmulMatchesHandComputedProduct() {
        // [1 2 3; 4 5 6] (2x3, column-major 1,4,2,5,3,6) times [7; 8; 9] = [50; 122]
        Matrix a = Matrix.of(D, 2, 3, 1, 4, 2, 5, 3, 6);
        Matrix b = Matrix.of(D, 3, 1, 7, 8, 9);
        Matrix c = run(new MatMul(), a, b);
        assertEquals(Shape.of(2, 1), c.shape());
        assertArrayEquals(new double[]{50, 122}, c.toDoubleArray(), 0);
    }

    @Test
    void matmulMatchesNaiveProductOnRandomNonSquareInputs() {
        SplittableRandom rng = new SplittableRandom(11);
        Matrix a = uniform(rng, 4, 7, -1, 1);
        Matrix b = uniform(rng, 7, 3, -1, 1);
        Matrix c = run(new MatMul(), a, b);
        double[][] ref = OpChecks.naiveProduct(a, b);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(ref[i][j], c.get(i, j), 1e-14);
            }
        }
    }

    @Test
    void matmulOverwritesItsOutput() {
        Matrix a = Matrix.of(D, 1, 2, 1, 2);
        Matrix b = Matrix.of(D, 2, 1, 3, 4);
        Matrix out = Matrix.of(D, 1, 1, 100);
        new MatMul().forward(new Matrix[]{a, b}, out);
        assertEquals(11, out.get(0), 0);
    }

    @Test
    void denseIsTheProductPlusTheBiasAndOverwritesItsOutput() {
        // [1 2; 3 4] times [1 0 2; 0 1 1] = [1 2 4; 3 4 10], plus b = [10; 20] in every column.
        Matrix w = Matrix.of(D, 2, 2, 1, 3, 2, 4);
        Matrix h = Matrix.of(D, 2, 3, 1, 0, 0, 1, 2, 1);
        Matrix b = Matrix.of(D, 2, 1, 10, 20);
        Matrix out = Matrix.of(D, 2, 3, 99, 99, 99, 99, 99, 99);
        new Dense().forward(new Matrix[]{w, h, b}, out);
        assertArrayEquals(new double[]{11, 23, 12, 24, 14, 30}, out.toDoubleArray(), 0);
        ShapeException e = assertThrows(ShapeException.class,
                () -> new Dense().outputShape(Shape.of(2, 3), Shape.of(2, 3), Shape.of(2, 1)));
        assertTrue(e.getMessage().contains("2x3"), e.getMessage());
        e = assertThrows(ShapeException.class,
                () -> new Dense().outputShape(Shape.of(2, 3), Shape.of(3, 4), Shape.of(3, 1)));
        assertTrue(e.getMessage().contains("3x1") && e.getMessage().contains("2x1"), e.getMessage());
    }

    @Test
    void biasAddAddsTheVectorToEveryColumn() {
        Matrix x = Matrix.of(D, 2, 3, 1, 2, 3, 4, 5, 6);
        Matrix b = Matrix.of(D, 2, 1, 10, 20);
        assertArrayEquals(new double[]{11, 22, 13, 24, 15, 26}, run(new BiasAdd(), x, b).toDoubleArray(), 0);
    }

    @Test
    void elementwiseBinaryOps() {
        Matrix a = Matrix.of(D, 2, 2, 1, -2, 3, 0.5);
        Matrix b = Matrix.of(D, 2, 2, 4, 5, -6, 2);
        assertArrayEquals(new double[]{5, 3, -3, 2.5}, run(new Add(), a, b).toDoubleArray(), 0);
        assertArrayEquals(new double[]{-3, -7, 9, -1.5}, run(new Subtract(), a, b).toDoubleArray(), 0);
        assertArrayEquals(new double[]{4, -10, -18, 1}, run(new Multiply(), a, b).toDoubleArray(), 0);
    }

    @Test
    void scaleSumAndMean() {
        Matrix a = Matrix.of(D, 2, 3, 1, 2, 3, 4, 5, 6);
        assertArrayEquals(new double[]{-2, -4, -6, -8, -10, -12}, run(new Scale(-2), a).toDoubleArray(), 0);
        Matrix s = run(new Sum(), a);
        assertEquals(Shape.of(1, 1), s.shape());
        assertEquals(21, s.get(0), 0);
        Matrix m = run(new Mean(), a);
        assertEquals(Shape.of(1, 1), m.shape());
        assertEquals(3.5, m.get(0), 0);
    }

    @Test
    void activationsMatchTheirDefinitions() {
        SplittableRandom rng = new SplittableRandom(5);
        Matrix x = uniform(rng, 4, 5, -4, 4);
        x.set(0, 0);
        checkMap(new Sigmoid(), x, v -> 1 / (1 + Math.exp(-v)), 1e-15);
        checkMap(new Tanh(), x, Math::tanh, 0);
        checkMap(new Identity(), x, v -> v, 0);
        checkMap(new Relu(), x, v -> v > 0 ? v : 0, 0);
        checkMap(new LeakyRelu(), x, v -> v > 0 ? v : 0.01 * v, 0);
        checkMap(new LeakyRelu(0.25), x, v -> v > 0 ? v : 0.25 * v, 0);
    }

    private static void checkMap(Elementwise op, Matrix x, DoubleUnaryOperator f, double tolerance) {
        Matrix y = run(op, x);
        for (int i = 0; i < x.size(); i++) {
            assertEquals(f.applyAsDouble(x.get(i)), y.get(i), tolerance, op.name() + " at " + x.get(i));
        }
    }

    @Test
    void activationDerivativesMatchTheirDefinitions() {
        assertEquals(0.25, new Sigmoid().derivative(0, 0.5), 0);
        assertEquals(1 - Math.tanh(0.7) * Math.tanh(0.7), new Tanh().derivative(0.7, Math.tanh(0.7)), 0);
        assertEquals(1, new Relu().derivative(2, 2), 0);
        assertEquals(0, new Relu().derivative(-2, 0), 0);
        assertEquals(0, new Relu().derivative(0, 0), 0, "the derivative at the kink is 0 by convention");
        assertEquals(0.01, new LeakyRelu().derivative(-2, -0.02), 0);
        assertEquals(1, new LeakyRelu().derivative(2, 2), 0);
        assertEquals(1, new Identity().derivative(-3, -3), 0);
    }

    @Test
    void leakyReluRejectsSlopesOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new LeakyRelu(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new LeakyRelu(1));
        assertThrows(IllegalArgumentException.class, () -> new LeakyRelu(Double.NaN));
    }

    // ---- extreme inputs ------------------------------------------------------------------------------------------

    @Test
    void sigmoidOfPlusMinus1e4IsExactlyOneAndZeroWithZeroDerivative() {
        assertEquals(1.0, Sigmoid.sigmoid(1e4), 0);
        assertEquals(0.0, Sigmoid.sigmoid(-1e4), 0);
        // The exact values 1/(1+e^-1e4) and e^-1e4/(1+e^-1e4) round to 1 and 0 in double.
        Graph graph = new Graph(D);
        Node z = graph.variable("z", Matrix.of(D, 4, 1, 1e4, -1e4, 800, -800));
        Node y = graph.apply("y", new Sigmoid(), z);
        Node loss = graph.apply("L", new Sum(), y);
        graph.forwardBackward(loss);
        assertArrayEquals(new double[]{1, 0, 1, 0}, y.value().toDoubleArray(), 0);
        assertArrayEquals(new double[]{0, 0, 0, 0}, z.grad().toDoubleArray(), 0);
        for (double g : z.grad().toDoubleArray()) {
            assertTrue(Double.isFinite(g));
        }
    }

    @Test
    void sigmoidKeepsRelativePrecisionForLargeNegativeInputs() {
        // sigmoid(-40) = e^-40 / (1 + e^-40); 1 - 1/(1 + e^-40)-style formulas would lose it entirely.
        double e = Math.exp(-40);
        assertEquals(e / (1 + e), Sigmoid.sigmoid(-40), 1e-15 * e);
        double tiny = Math.exp(-700);
        assertEquals(tiny / (1 + tiny), Sigmoid.sigmoid(-700), 1e-15 * tiny);
        assertEquals(0.5, Sigmoid.sigmoid(0), 0);
    }

    @Test
    void tanhOfPlusMinus1e4IsExactlyOneWithZeroDerivative() {
        Matrix y = run(new Tanh(), Matrix.of(D, 2, 1, 1e4, -1e4));
        assertArrayEquals(new double[]{1, -1}, y.toDoubleArray(), 0);
        assertEquals(0, new Tanh().derivative(1e4, 1), 0);
    }

    // ---- shape rules ---------------------------------------------------------------------------------------------

    @Test
    void shapeRulesNameBothShapes() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> new MatMul().outputShape(Shape.of(2, 3), Shape.of(4, 5)));
        assertTrue(e.getMessage().contains("2x3") && e.getMessage().contains("4x5"), e.getMessage());
        e = assertThrows(ShapeException.class, () -> new BiasAdd().outputShape(Shape.of(3, 4), Shape.of(4, 1)));
        assertTrue(e.getMessage().contains("3x4") && e.getMessage().contains("4x1"), e.getMessage());
        e = assertThrows(ShapeException.class, () -> new BiasAdd().outputShape(Shape.of(3, 4), Shape.of(3, 2)));
        assertTrue(e.getMessage().contains("3x4") && e.getMessage().contains("3x2"), e.getMessage());
        for (Op op : new Op[]{new Add(), new Subtract(), new Multiply()}) {
            e = assertThrows(ShapeException.class, () -> op.outputShape(Shape.of(2, 3), Shape.of(3, 2)));
            assertTrue(e.getMessage().contains("2x3") && e.getMessage().contains("3x2"), e.getMessage());
        }
        assertEquals(Shape.of(1, 1), new Sum().outputShape(Shape.of(7, 3)));
        assertEquals(Shape.of(1, 1), new Mean().outputShape(Shape.of(7, 3)));
        assertEquals(Shape.of(7, 3), new Sigmoid().outputShape(Shape.of(7, 3)));
        assertEquals(Shape.of(2, 5), new MatMul().outputShape(Shape.of(2, 3), Shape.of(3, 5)));
    }

    @Test
    void wrongNumberOfInputsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new MatMul().outputShape(Shape.of(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> new Add().outputShape(Shape.of(2, 2)));
        assertThrows(IllegalArgumentException.class,
                () -> new Relu().outputShape(Shape.of(2, 2), Shape.of(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> new Sum().outputShape());
    }

    /** A 7x5 matrix of values in [-6, 6] as a view starting 3 values into a larger array of the given precision. */
    private static Matrix randomView(Precision precision, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Matrix parent = Matrix.zeros(precision, 1, 3 + 35 + 2);
        for (int i = 0; i < parent.size(); i++) {
            parent.set(i, random.nextDouble(-6, 6));
        }
        return parent.view(3, 7, 5);
    }

    @Test
    void activationsInFloatMatchThemInDouble() {
        // The ops run their own loops per precision (float through tensor.FloatActivations): forward and backward on
        // float views must agree with the double computation of the same inputs to float precision.
        for (Op op : new Op[]{new Relu(), new LeakyRelu(0.2), new Sigmoid(), new Tanh(), new Identity()}) {
            Matrix xd = randomView(Precision.DOUBLE, 1);
            Matrix gd = randomView(Precision.DOUBLE, 2);
            Matrix xf = xd.toPrecision(Precision.FLOAT);
            Matrix gf = gd.toPrecision(Precision.FLOAT);
            Matrix yd = run(op, xd);
            Matrix yf = run(op, xf);
            Matrix dxd = randomView(Precision.DOUBLE, 3);
            Matrix dxf = dxd.toPrecision(Precision.FLOAT);
            op.backward(new Matrix[]{xd}, yd, gd, new Matrix[]{dxd});
            op.backward(new Matrix[]{xf}, yf, gf, new Matrix[]{dxf});
            for (int i = 0; i < xd.size(); i++) {
                assertEquals(yd.get(i), yf.get(i), 1e-6 * Math.max(1, Math.abs(yd.get(i))), op.name() + " forward");
                assertEquals(dxd.get(i), dxf.get(i), 1e-5 * Math.max(1, Math.abs(dxd.get(i))),
                        op.name() + " backward");
            }
        }
    }
}
