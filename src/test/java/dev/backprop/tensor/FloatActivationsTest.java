package dev.backprop.tensor;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The float activation kernels, vector and scalar, against the same functions in double: random values, extremes
 * (+-1e4, +-88, +-MAX), lengths that leave a remainder after the last whole vector, and offsets into the arrays.
 */
class FloatActivationsTest {

    private static final int OFFSET = 3;
    private static final int N = 1000 + 7;
    private static final float SLOPE = 0.2f;

    /** N values from OFFSET: random in [-12, 12] plus the extremes at the start. */
    private static float[] inputs(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[OFFSET + N + 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-12, 12);
        }
        float[] extremes = {0f, -0f, 1e4f, -1e4f, 88f, -88f, 100f, -100f, Float.MAX_VALUE, -Float.MAX_VALUE, 1e-30f,
                -1e-30f};
        System.arraycopy(extremes, 0, x, OFFSET, extremes.length);
        return x;
    }

    private interface Unary {
        void apply(float[] x, int xo, float[] y, int yo, int n);
    }

    private static void checkUnary(String name, Unary kernel, DoubleUnaryOperator reference) {
        float[] x = inputs(name.hashCode());
        float[] y = new float[OFFSET + N + 2];
        y[OFFSET - 1] = 42;
        y[OFFSET + N] = 43;
        kernel.apply(x, OFFSET, y, OFFSET, N);
        for (int i = OFFSET; i < OFFSET + N; i++) {
            double expected = reference.applyAsDouble(x[i]);
            assertTrue(Float.isFinite(y[i]), name + "(" + x[i] + ") = " + y[i]);
            assertEquals(expected, y[i], 4e-7 * Math.max(1, Math.abs(expected)), name + "(" + x[i] + ")");
        }
        assertEquals(42, y[OFFSET - 1], name + " wrote before its range");
        assertEquals(43, y[OFFSET + N], name + " wrote after its range");
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    @Test
    void sigmoidAndTanhMatchDoublePrecisionAndSaturateWithoutNaN() {
        checkUnary("vector sigmoid", VectorFloatActivations::sigmoid, FloatActivationsTest::sigmoid);
        checkUnary("scalar sigmoid", FloatActivations.Scalar::sigmoid, FloatActivationsTest::sigmoid);
        checkUnary("vector tanh", VectorFloatActivations::tanh, Math::tanh);
        checkUnary("scalar tanh", FloatActivations.Scalar::tanh, Math::tanh);
    }

    @Test
    void tanhKeepsItsRelativePrecisionNearZeroWhereverTheValueSits() {
        // 1 - 2 / (e^{2x} + 1) cancels near 0 (it gave 0 for 1e-8); e / (e + 2) with e = expm1(2x) does not. The
        // values sit both in whole vectors and in the remainder loop, and -0 keeps its sign.
        float[] small = {1e-8f, -1e-8f, 1e-6f, -1e-6f, 1e-4f, -3e-4f, 0.01f, -0.02f};
        float[] x = new float[67];
        for (int i = 0; i < x.length; i++) {
            x[i] = small[i % small.length];
        }
        x[66] = -0f;
        for (boolean vector : new boolean[]{true, false}) {
            float[] y = new float[x.length];
            if (vector) {
                VectorFloatActivations.tanh(x, 0, y, 0, x.length);
            } else {
                FloatActivations.Scalar.tanh(x, 0, y, 0, x.length);
            }
            for (int i = 0; i < 66; i++) {
                double expected = Math.tanh(x[i]);
                assertEquals(expected, y[i], 1e-6 * Math.abs(expected), (vector ? "vector" : "scalar") + " at " + i);
            }
            assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(y[66]), "tanh(-0) is -0");
        }
    }

    @Test
    void rectifiersAreExact() {
        checkUnary("relu", FloatActivations::relu, v -> v > 0 ? v : 0);
        checkUnary("vector leaky relu", (x, xo, y, yo, n) -> VectorFloatActivations.leakyRelu(x, xo, y, yo, n, SLOPE),
                v -> v > 0 ? v : SLOPE * (float) v);
        checkUnary("scalar leaky relu", (x, xo, y, yo, n) -> FloatActivations.Scalar.leakyRelu(x, xo, y, yo, n, SLOPE),
                v -> v > 0 ? v : SLOPE * (float) v);
    }

    private interface Backward {
        void apply(float[] t, int to, float[] g, int go, float[] x, int xo, int n);
    }

    /** {@code t += g * derivative(x)} from a nonzero start, compared with the same sum in double. */
    private static void checkBackward(String name, Backward kernel, DoubleUnaryOperator derivative) {
        SplittableRandom random = new SplittableRandom(name.hashCode());
        float[] x = inputs(name.hashCode() + 1L);
        float[] g = new float[x.length];
        float[] t = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = (float) random.nextDouble(-1, 1);
            t[i] = (float) random.nextDouble(-1, 1);
        }
        float[] before = t.clone();
        kernel.apply(t, OFFSET, g, OFFSET, x, OFFSET, N);
        for (int i = 0; i < x.length; i++) {
            boolean inside = i >= OFFSET && i < OFFSET + N;
            double expected = inside ? before[i] + (double) g[i] * derivative.applyAsDouble(x[i]) : before[i];
            assertEquals(expected, t[i], 3e-7 * Math.max(1, Math.abs(expected)), name + " at " + i + ", x " + x[i]);
        }
    }

    @Test
    void backwardKernelsAddTheGradientTimesTheDerivative() {
        checkBackward("vector relu'", VectorFloatActivations::addWherePositive, v -> v > 0 ? 1 : 0);
        checkBackward("scalar relu'", FloatActivations.Scalar::addWherePositive, v -> v > 0 ? 1 : 0);
        checkBackward("vector leaky'", (t, to, g, go, x, xo, n) ->
                VectorFloatActivations.addLeaky(t, to, g, go, x, xo, n, SLOPE), v -> v > 0 ? 1 : SLOPE);
        checkBackward("scalar leaky'", (t, to, g, go, x, xo, n) ->
                FloatActivations.Scalar.addLeaky(t, to, g, go, x, xo, n, SLOPE), v -> v > 0 ? 1 : SLOPE);
        // The sigmoid's and tanh's backward take the output y: give y in [0, 1] and [-1, 1] as "x".
        checkBackward("sigmoid'", (t, to, g, go, y, yo, n) -> {
            float[] s = new float[y.length];
            FloatActivations.Scalar.sigmoid(y, 0, s, 0, y.length);
            FloatActivations.addSigmoidGradient(t, to, g, go, s, yo, n);
        }, v -> sigmoid((float) v) * (1 - sigmoid((float) v)));
    }

    @Test
    void theTestsRunWithTheVectorModule() {
        // surefire adds --add-modules=jdk.incubator.vector, as the jobs do: the dispatch must pick the vector path.
        assertTrue(FloatActivations.vectorized());
    }
}
