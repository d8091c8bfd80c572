package dev.backprop.nn;

import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import dev.backprop.tensor.ShapeException;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MLP tape: predictions, gradients added into flat vectors, rebinding, shape checks, float precision. */
class MlpGraphTest {

    private static final MlpSpec SPEC =
            MlpSpec.of(4, new int[] {5}, 3, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY);
    private static final ParameterLayout LAYOUT = new ParameterLayout(SPEC);

    private static Matrix gaussian(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Matrix m = Matrix.zeros(Precision.DOUBLE, rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.set(i, random.nextGaussian());
        }
        return m;
    }

    private static Matrix oneHot(int classes, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Matrix t = Matrix.zeros(Precision.DOUBLE, classes, n);
        for (int j = 0; j < n; j++) {
            t.set(random.nextInt(classes), j, 1);
        }
        return t;
    }

    /** Parameters with nonzero biases, so that a mix-up of weights and biases shows. */
    private static FlatParameters parameters(long seed) {
        FlatParameters p = FlatParameters.initialize(LAYOUT, Precision.DOUBLE, seed);
        SplittableRandom random = new SplittableRandom(seed + 1000);
        for (int l = 0; l < SPEC.layers(); l++) {
            for (int i = 0; i < p.bias(l).size(); i++) {
                p.bias(l).set(i, 0.5 * random.nextGaussian());
            }
        }
        return p;
    }

    /** Plain loops: z = W h + b, tanh hidden, softmax output (logits kept for the loss). */
    private static double[][] referenceLogits(FlatParameters p, Matrix x) {
        int n = x.cols();
        double[][] h = new double[n][];
        for (int j = 0; j < n; j++) {
            h[j] = new double[x.rows()];
            for (int r = 0; r < x.rows(); r++) {
                h[j][r] = x.get(r, j);
            }
        }
        for (int l = 0; l < SPEC.layers(); l++) {
            Matrix w = p.weights(l);
            Matrix b = p.bias(l);
            for (int j = 0; j < n; j++) {
                double[] z = new double[w.rows()];
                for (int r = 0; r < w.rows(); r++) {
                    double s = b.get(r);
                    for (int c = 0; c < w.cols(); c++) {
                        s += w.get(r, c) * h[j][c];
                    }
                    z[r] = l < SPEC.layers() - 1 ? Math.tanh(s) : s;
                }
                h[j] = z;
            }
        }
        return h;
    }

    private static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    @Test
    void predictGivesSoftmaxColumnsSummingToOneThatMatchAPlainForwardPass() {
        FlatParameters p = parameters(1);
        Matrix x = gaussian(4, 6, 2);
        Matrix out = new MlpGraph(p).predict(x);
        assertEquals(3, out.rows());
        assertEquals(6, out.cols());
        double[][] logits = referenceLogits(p, x);
        for (int j = 0; j < 6; j++) {
            double sum = 0;
            double[] expected = softmax(logits[j]);
            for (int r = 0; r < 3; r++) {
                double v = out.get(r, j);
                assertTrue(v > 0 && v < 1, "probability " + v);
                assertEquals(expected[r], v, 1e-14, "output " + r + " of example " + j);
                sum += v;
            }
            assertEquals(1, sum, 1e-14, "column " + j);
        }
    }

    @Test
    void lossIsTheSummedCrossEntropyOfThePlainForwardPass() {
        FlatParameters p = parameters(3);
        Matrix x = gaussian(4, 5, 4);
        Matrix t = oneHot(3, 5, 5);
        double[][] logits = referenceLogits(p, x);
        double expected = 0;
        for (int j = 0; j < 5; j++) {
            double[] prob = softmax(logits[j]);
            for (int r = 0; r < 3; r++) {
                expected -= t.get(r, j) * Math.log(prob[r]);
            }
        }
        MlpGraph graph = new MlpGraph(p);
        assertEquals(expected, graph.loss(x, t), 1e-12 * expected);
        assertEquals(expected, graph.addLossAndGradient(x, t), 1e-12 * expected);
    }

    @Test
    void singleLayerGradientIsTheClosedForm() {
        // No hidden layer: dL/dW = (P - T) X^T and dL/db = row sums of (P - T).
        MlpSpec spec = MlpSpec.of(3, new int[] {}, 2, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        ParameterLayout layout = new ParameterLayout(spec);
        FlatParameters p = new FlatParameters(layout, Matrix.of(Precision.DOUBLE, 8, 1,
                0.5, -1, 0.25, 2, -0.75, 1, /* b */ 0.1, -0.2));
        FlatParameters g = FlatParameters.zeros(layout, Precision.DOUBLE);
        Matrix x = Matrix.of(Precision.DOUBLE, 3, 2, 1, 2, -1, 0.5, 0, 3);
        Matrix t = Matrix.of(Precision.DOUBLE, 2, 2, 1, 0, 0, 1);
        new MlpGraph(p, g).addLossAndGradient(x, t);
        double[][] d = new double[2][];
        for (int j = 0; j < 2; j++) {
            double[] z = new double[2];
            for (int r = 0; r < 2; r++) {
                z[r] = p.bias(0).get(r);
                for (int c = 0; c < 3; c++) {
                    z[r] += p.weights(0).get(r, c) * x.get(c, j);
                }
            }
            d[j] = softmax(z);
            d[j][0] -= t.get(0, j);
            d[j][1] -= t.get(1, j);
        }
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                double expected = d[0][r] * x.get(c, 0) + d[1][r] * x.get(c, 1);
                assertEquals(expected, g.weights(0).get(r, c), 1e-15, "dW(" + r + "," + c + ")");
            }
            assertEquals(d[0][r] + d[1][r], g.bias(0).get(r), 1e-15, "db(" + r + ")");
        }
    }

    @Test
    void aSecondCallAddsIntoTheGradient() {
        FlatParameters p = parameters(6);
        FlatParameters g = FlatParameters.zeros(LAYOUT, Precision.DOUBLE);
        MlpGraph graph = new MlpGraph(p, g);
        Matrix x = gaussian(4, 7, 7);
        Matrix t = oneHot(3, 7, 8);

        double first = graph.addLossAndGradient(x, t);
        Matrix once = g.flat().copy();
        double second = graph.addLossAndGradient(x, t);

        assertEquals(first, second);
        assertTrue(once.norm() > 0);
        for (int i = 0; i < once.size(); i++) {
            assertEquals(2 * once.get(i), g.flat().get(i), 1e-12 * Math.abs(once.get(i)), "entry " + i);
        }
        // The parameters themselves are left alone.
        assertArrayEquals(parameters(6).flat().toDoubleArray(), p.flat().toDoubleArray());
    }

    @Test
    void forwardOnlyLossLeavesTheGradientAlone() {
        FlatParameters g = FlatParameters.zeros(LAYOUT, Precision.DOUBLE);
        MlpGraph graph = new MlpGraph(parameters(9), g);
        graph.loss(gaussian(4, 3, 10), oneHot(3, 3, 11));
        assertEquals(0, g.flat().norm());
    }

    @Test
    void bindSwitchesToOtherParameterAndGradientVectors() {
        FlatParameters a = parameters(20);
        FlatParameters b = parameters(21);
        FlatParameters ga = FlatParameters.zeros(LAYOUT, Precision.DOUBLE);
        FlatParameters gb = FlatParameters.zeros(LAYOUT, Precision.DOUBLE);
        Matrix x = gaussian(4, 5, 22);
        Matrix t = oneHot(3, 5, 23);
        MlpGraph graph = new MlpGraph(a, ga);
        Matrix fromA = graph.predict(x);

        graph.bind(b, gb);
        Matrix fromB = graph.predict(x);
        double lossB = graph.addLossAndGradient(x, t);

        FlatParameters fresh = FlatParameters.zeros(LAYOUT, Precision.DOUBLE);
        MlpGraph reference = new MlpGraph(b, fresh);
        assertArrayEquals(reference.predict(x).toDoubleArray(), fromB.toDoubleArray());
        assertEquals(reference.addLossAndGradient(x, t), lossB);
        assertArrayEquals(fresh.flat().toDoubleArray(), gb.flat().toDoubleArray());
        assertEquals(0, ga.flat().norm(), "the old gradient vector was written after bind");
        assertTrue(Math.abs(fromA.get(0) - fromB.get(0)) > 1e-6, "predictions did not change");

        // Reads the new vector without copying: a change to b shows in the next prediction.
        b.bias(1).set(0, b.bias(1).get(0) + 1);
        assertArrayEquals(new MlpGraph(b).predict(x).toDoubleArray(), graph.predict(x).toDoubleArray());
    }

    @Test
    void featuresOfTheWrongShapeAreRefusedNamingBothShapes() {
        MlpGraph graph = new MlpGraph(parameters(30));
        Matrix x = Matrix.zeros(Precision.DOUBLE, 5, 3);
        ShapeException e = assertThrows(ShapeException.class, () -> graph.predict(x));
        assertTrue(e.getMessage().contains("5x3") && e.getMessage().contains("expected 4 rows"), e.getMessage());
        ShapeException e2 = assertThrows(ShapeException.class,
                () -> graph.addLossAndGradient(x, Matrix.zeros(Precision.DOUBLE, 3, 3)));
        assertTrue(e2.getMessage().contains("5x3") && e2.getMessage().contains("4-5-3"), e2.getMessage());
    }

    @Test
    void targetsOfTheWrongShapeAreRefusedNamingBothShapes() {
        FlatParameters g = FlatParameters.zeros(LAYOUT, Precision.DOUBLE);
        MlpGraph graph = new MlpGraph(parameters(31), g);
        Matrix x = Matrix.zeros(Precision.DOUBLE, 4, 3);
        ShapeException rows = assertThrows(ShapeException.class,
                () -> graph.addLossAndGradient(x, Matrix.zeros(Precision.DOUBLE, 2, 3)));
        assertTrue(rows.getMessage().contains("targets 2x3") && rows.getMessage().contains("expected 3x3"),
                rows.getMessage());
        ShapeException cols = assertThrows(ShapeException.class,
                () -> graph.loss(x, Matrix.zeros(Precision.DOUBLE, 3, 4)));
        assertTrue(cols.getMessage().contains("targets 3x4") && cols.getMessage().contains("features 4x3")
                && cols.getMessage().contains("expected 3x3"), cols.getMessage());
        assertEquals(0, g.flat().norm());
    }

    @Test
    void floatPredictionIsCloseToDouble() {
        FlatParameters d = parameters(40);
        FlatParameters f = new FlatParameters(LAYOUT, d.flat().toPrecision(Precision.FLOAT));
        Matrix x = gaussian(4, 50, 41);
        Matrix outDouble = new MlpGraph(d).predict(x);
        Matrix outFloat = new MlpGraph(f).predict(x.toPrecision(Precision.FLOAT));
        assertEquals(Precision.FLOAT, outFloat.precision());
        double maxDiff = 0;
        for (int i = 0; i < outDouble.size(); i++) {
            maxDiff = Math.max(maxDiff, Math.abs(outDouble.get(i) - outFloat.get(i)));
        }
        // float has 24 bits (6e-8 relative); a few roundings through two small layers stay far below 1e-5.
        assertTrue(maxDiff < 1e-5, "largest difference " + maxDiff);
        assertTrue(maxDiff > 0, "float and double agree to the last bit: is the float path really float?");
    }

    @Test
    void mixedPrecisionsAreRefused() {
        MlpGraph graph = new MlpGraph(parameters(50));
        assertThrows(IllegalArgumentException.class,
                () -> graph.predict(Matrix.zeros(Precision.FLOAT, 4, 2)));
    }
}
