package dev.backprop.nn;

import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import dev.backprop.tensor.ShapeException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The flat vector, its per-layer views, and seeded initialization. */
class FlatParametersTest {

    private static final MlpSpec SPEC_3_4_2 =
            new MlpSpec(new int[] {3, 4, 2}, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY);
    private static final ParameterLayout LAYOUT = new ParameterLayout(SPEC_3_4_2);

    @Test
    void weightAndBiasViewsHaveLayerShapesAndReadTheFlatVector() {
        FlatParameters p = FlatParameters.zeros(LAYOUT, Precision.DOUBLE);
        for (int i = 0; i < 26; i++) {
            p.flat().set(i, i);
        }
        Matrix w1 = p.weights(0);
        assertEquals(4, w1.rows());
        assertEquals(3, w1.cols());
        assertEquals(5.0, w1.get(1, 1)); // column-major: (1,1) is 1 + 1*4
        assertArrayEquals(new double[] {12, 13, 14, 15}, p.bias(0).toDoubleArray());
        Matrix w2 = p.weights(1);
        assertEquals(2, w2.rows());
        assertEquals(4, w2.cols());
        assertEquals(16 + 1 + 3 * 2, w2.get(1, 3));
        assertArrayEquals(new double[] {24, 25}, p.bias(1).toDoubleArray());
    }

    @Test
    void writingThroughViewsChangesTheFlatVector() {
        FlatParameters p = FlatParameters.zeros(LAYOUT, Precision.FLOAT);
        p.weights(0).set(3, 2, 7);
        p.bias(0).set(1, -1);
        p.weights(1).set(0, 1, 2.5);
        p.bias(1).set(1, 4);
        double[] expected = new double[26];
        expected[3 + 2 * 4] = 7;
        expected[12 + 1] = -1;
        expected[16 + 0 + 1 * 2] = 2.5;
        expected[24 + 1] = 4;
        assertArrayEquals(expected, p.flat().toDoubleArray());
    }

    @Test
    void wrapsAGivenVectorWithoutCopying() {
        Matrix flat = Matrix.zeros(Precision.DOUBLE, 26, 1);
        FlatParameters p = new FlatParameters(LAYOUT, flat);
        flat.set(24, 9);
        assertEquals(9, p.bias(1).get(0));
        assertTrue(p.flat() == flat);
    }

    @Test
    void refusesAVectorOfTheWrongShape() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> new FlatParameters(LAYOUT, Matrix.zeros(Precision.DOUBLE, 25, 1)));
        assertTrue(e.getMessage().contains("26x1") && e.getMessage().contains("25x1"), e.getMessage());
        assertThrows(ShapeException.class, () -> new FlatParameters(LAYOUT, Matrix.zeros(Precision.DOUBLE, 13, 2)));
    }

    @Test
    void copyIsDeep() {
        FlatParameters p = FlatParameters.initialize(LAYOUT, Precision.DOUBLE, 1);
        FlatParameters c = p.copy();
        assertArrayEquals(p.flat().toDoubleArray(), c.flat().toDoubleArray());
        c.weights(0).set(0, 100);
        assertFalse(p.weights(0).get(0) == 100);
    }

    @Test
    void initializeIsDeterministicForASeedAndDiffersAcrossSeeds() {
        double[] a = FlatParameters.initialize(LAYOUT, Precision.DOUBLE, 42).flat().toDoubleArray();
        double[] b = FlatParameters.initialize(LAYOUT, Precision.DOUBLE, 42).flat().toDoubleArray();
        double[] c = FlatParameters.initialize(LAYOUT, Precision.DOUBLE, 43).flat().toDoubleArray();
        assertArrayEquals(a, b);
        int differing = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != c[i]) {
                differing++;
            }
        }
        assertEquals(20, differing, "every one of the 20 weights should differ between seeds");
    }

    @Test
    void floatInitializationIsTheDoubleOneRounded() {
        double[] d = FlatParameters.initialize(LAYOUT, Precision.DOUBLE, 5).flat().toDoubleArray();
        FlatParameters f = FlatParameters.initialize(LAYOUT, Precision.FLOAT, 5);
        assertEquals(Precision.FLOAT, f.flat().precision());
        for (int i = 0; i < d.length; i++) {
            assertEquals((float) d[i], f.flat().get(i), "entry " + i);
        }
    }

    @Test
    void biasesStartAtZeroAndWeightsDoNot() {
        MlpSpec spec = new MlpSpec(new int[] {6, 5, 4, 3}, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        FlatParameters p = FlatParameters.initialize(new ParameterLayout(spec), Precision.DOUBLE, 9);
        for (int l = 0; l < spec.layers(); l++) {
            assertArrayEquals(new double[spec.fanOut(l)], p.bias(l).toDoubleArray(), "bias of layer " + l);
            Matrix w = p.weights(l);
            for (int i = 0; i < w.size(); i++) {
                assertTrue(w.get(i) != 0, "weight " + i + " of layer " + l + " is zero");
            }
        }
    }

    @Test
    void heWeightsOfAReluLayerHaveStdSqrtTwoOverFanIn() {
        MlpSpec spec = new MlpSpec(new int[] {400, 256, 10}, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        Matrix w = FlatParameters.initialize(new ParameterLayout(spec), Precision.DOUBLE, 2024).weights(0);
        int n = w.size(); // 102,400 samples
        double mean = w.sum() / n;
        double std = Math.sqrt(w.dot(w) / n - mean * mean);
        double expected = Math.sqrt(2.0 / 400);
        // std of the sample std is about expected / sqrt(2n), 0.2%; Glorot here would give 0.0552 (22% off).
        assertEquals(expected, std, 0.02 * expected, "sample std");
        assertEquals(0, mean, 5 * expected / Math.sqrt(n), "sample mean");
        // Normal, not uniform: about 4.55% of the values lie beyond two standard deviations (uniform: none).
        int beyond = 0;
        for (int i = 0; i < n; i++) {
            if (Math.abs(w.get(i)) > 2 * expected) {
                beyond++;
            }
        }
        assertEquals(0.0455, (double) beyond / n, 0.004, "fraction beyond 2 std");
    }

    @Test
    void leakyReluHiddenLayersAlsoUseHe() {
        MlpSpec spec = new MlpSpec(new int[] {300, 200, 2}, Activation.LEAKY_RELU,
                OutputLoss.SIGMOID_BINARY_CROSS_ENTROPY);
        Matrix w = FlatParameters.initialize(new ParameterLayout(spec), Precision.DOUBLE, 3).weights(0);
        double std = Math.sqrt(w.dot(w) / w.size());
        assertEquals(Math.sqrt(2.0 / 300), std, 0.02 * Math.sqrt(2.0 / 300));
    }

    @Test
    void glorotWeightsStayWithinTheLimitAndFillIt() {
        // Sigmoid hidden layer (Glorot) and the output layer (always Glorot, even after ReLU layers).
        MlpSpec sigmoid = new MlpSpec(new int[] {300, 200, 10}, Activation.SIGMOID, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        checkGlorot(FlatParameters.initialize(new ParameterLayout(sigmoid), Precision.DOUBLE, 11).weights(0), 300, 200);
        MlpSpec relu = new MlpSpec(new int[] {50, 400, 300}, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        checkGlorot(FlatParameters.initialize(new ParameterLayout(relu), Precision.DOUBLE, 12).weights(1), 400, 300);
    }

    private static void checkGlorot(Matrix w, int fanIn, int fanOut) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        double max = 0;
        for (int i = 0; i < w.size(); i++) {
            max = Math.max(max, Math.abs(w.get(i)));
        }
        assertTrue(max <= limit, "largest |w| " + max + " beyond the limit " + limit);
        assertTrue(max > 0.99 * limit, "largest |w| " + max + " far inside the limit " + limit);
        // Uniform on [-limit, limit]: std limit / sqrt(3).
        double std = Math.sqrt(w.dot(w) / w.size());
        assertEquals(limit / Math.sqrt(3), std, 0.02 * limit / Math.sqrt(3), "sample std");
    }
}
