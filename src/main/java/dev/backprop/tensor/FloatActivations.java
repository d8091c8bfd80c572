package dev.backprop.tensor;

/**
 * Activation kernels over float arrays ({@code n} values from the given offsets), the hot loops of hidden layers.
 * With the vector API ({@code --add-modules=jdk.incubator.vector}, which the jobs and tests set) they run on SIMD
 * lanes ({@link VectorFloatActivations}: exp and compare-and-select have no auto-vectorised form); without it, on
 * the plain loops here. Both compute the same functions to within a few float ulps (the vector exp and expm1 are
 * not bit-identical to {@link Math}'s).
 */
public final class FloatActivations {

    private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("backprop.scalarKernels");

    private FloatActivations() {
    }

    /** Whether the kernels run on the vector API. */
    public static boolean vectorized() {
        return VECTOR;
    }

    /** {@code y = 1 / (1 + e^-x)}; saturates to 0 and 1 without NaN (e^1000 = infinity gives 0). */
    public static void sigmoid(float[] x, int xo, float[] y, int yo, int n) {
        if (VECTOR) {
            VectorFloatActivations.sigmoid(x, xo, y, yo, n);
        } else {
            Scalar.sigmoid(x, xo, y, yo, n);
        }
    }

    /**
     * Above this, tanh is 1 in float; the kernels clamp x to it so that {@code e^{2x} - 1} stays finite (infinity
     * over infinity would be NaN).
     */
    static final float TANH_SATURATION = 9f;

    /**
     * tanh of one value the way the kernels compute it: {@code e / (e + 2)} with {@code e = e^{2x} - 1} (expm1, exact
     * near 0, where {@code 1 - 2 / (e^{2x} + 1)} would cancel), x clamped to {@link #TANH_SATURATION}.
     */
    static float tanh(float x) {
        float e = (float) Math.expm1(2f * Math.min(x, TANH_SATURATION));
        return e / (e + 2f);
    }

    /** {@code y = tanh(x)} as {@link #tanh(float)}; saturates to -1 and 1, keeps the sign of zero. */
    public static void tanh(float[] x, int xo, float[] y, int yo, int n) {
        if (VECTOR) {
            VectorFloatActivations.tanh(x, xo, y, yo, n);
        } else {
            Scalar.tanh(x, xo, y, yo, n);
        }
    }

    /** {@code y = max(x, 0)} (auto-vectorised). */
    public static void relu(float[] x, int xo, float[] y, int yo, int n) {
        Scalar.relu(x, xo, y, yo, n);
    }

    /** {@code t += g} where {@code x > 0}: the ReLU's backward. */
    public static void addWherePositive(float[] t, int to, float[] g, int go, float[] x, int xo, int n) {
        if (VECTOR) {
            VectorFloatActivations.addWherePositive(t, to, g, go, x, xo, n);
        } else {
            Scalar.addWherePositive(t, to, g, go, x, xo, n);
        }
    }

    /** {@code y = x} where {@code x > 0}, else {@code slope x}. */
    public static void leakyRelu(float[] x, int xo, float[] y, int yo, int n, float slope) {
        if (VECTOR) {
            VectorFloatActivations.leakyRelu(x, xo, y, yo, n, slope);
        } else {
            Scalar.leakyRelu(x, xo, y, yo, n, slope);
        }
    }

    /** {@code t += g} where {@code x > 0}, else {@code t += slope g}: the leaky ReLU's backward. */
    public static void addLeaky(float[] t, int to, float[] g, int go, float[] x, int xo, int n, float slope) {
        if (VECTOR) {
            VectorFloatActivations.addLeaky(t, to, g, go, x, xo, n, slope);
        } else {
            Scalar.addLeaky(t, to, g, go, x, xo, n, slope);
        }
    }

    /** {@code t += g y (1 - y)}: the sigmoid's backward from its output (auto-vectorised). */
    public static void addSigmoidGradient(float[] t, int to, float[] g, int go, float[] y, int yo, int n) {
        Scalar.addSigmoidGradient(t, to, g, go, y, yo, n);
    }

    /** {@code t += g (1 - y^2)}: tanh's backward from its output (auto-vectorised). */
    public static void addTanhGradient(float[] t, int to, float[] g, int go, float[] y, int yo, int n) {
        Scalar.addTanhGradient(t, to, g, go, y, yo, n);
    }

    /** The plain loops, used without the vector API (and by the tests, against the vector ones). */
    static final class Scalar {

        private Scalar() {
        }

        static void sigmoid(float[] x, int xo, float[] y, int yo, int n) {
            for (int i = 0; i < n; i++) {
                y[yo + i] = 1f / (1f + (float) Math.exp(-x[xo + i]));
            }
        }

        static void tanh(float[] x, int xo, float[] y, int yo, int n) {
            for (int i = 0; i < n; i++) {
                y[yo + i] = FloatActivations.tanh(x[xo + i]);
            }
        }

        static void relu(float[] x, int xo, float[] y, int yo, int n) {
            for (int i = 0; i < n; i++) {
                y[yo + i] = Math.max(x[xo + i], 0f);
            }
        }

        static void addWherePositive(float[] t, int to, float[] g, int go, float[] x, int xo, int n) {
            for (int i = 0; i < n; i++) {
                if (x[xo + i] > 0) {
                    t[to + i] += g[go + i];
                }
            }
        }

        static void leakyRelu(float[] x, int xo, float[] y, int yo, int n, float slope) {
            for (int i = 0; i < n; i++) {
                float v = x[xo + i];
                y[yo + i] = v > 0 ? v : slope * v;
            }
        }

        static void addLeaky(float[] t, int to, float[] g, int go, float[] x, int xo, int n, float slope) {
            for (int i = 0; i < n; i++) {
                float gi = g[go + i];
                t[to + i] += x[xo + i] > 0 ? gi : slope * gi;
            }
        }

        static void addSigmoidGradient(float[] t, int to, float[] g, int go, float[] y, int yo, int n) {
            for (int i = 0; i < n; i++) {
                float v = y[yo + i];
                t[to + i] += g[go + i] * v * (1 - v);
            }
        }

        static void addTanhGradient(float[] t, int to, float[] g, int go, float[] y, int yo, int n) {
            for (int i = 0; i < n; i++) {
                float v = y[yo + i];
                t[to + i] += g[go + i] * (1 - v * v);
            }
        }
    }
}
