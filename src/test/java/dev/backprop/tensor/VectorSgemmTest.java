package dev.backprop.tensor;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vector-API float GEMM against a double-precision reference, whatever {@link Blas} uses on this machine, with
 * both register blocks (slivers of two vectors, AVX2's, and of four, AVX-512's: either runs on any machine, only
 * slower where it does not fit the registers): all four transposes, shapes that cross each blocking boundary (the
 * sliver heights {@code lanes}, {@code 2 lanes} and {@code 4 lanes}, {@link VectorSgemm#MC} rows,
 * {@link VectorSgemm#KC} inner steps, the {@link VectorSgemm#NR}-column slivers of {@code op(b)}, which is read in
 * place), offsets and leading dimensions larger than the rows, several alpha and beta; what lies outside the output
 * block is never written, and what lies outside the factors' blocks (NaN there) is never used.
 */
class VectorSgemmTest {

    private static final int OFFSET = 5;
    private static final int PAD = 3;
    private static final float SENTINEL = -777f;

    /** {m, n, k}: each crosses at least one blocking boundary. */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {16, 6, 1}, {17, 7, 3}, {32, 6, 7}, {33, 11, 2}, {63, 5, 255}, {64, 6, 256}, {65, 13, 257},
        {127, 7, 5}, {130, 29, 300}, {257, 12, 600}, {70, 1543, 9}, {3, 1600, 40}, {129, 1, 513},
    };

    private static final float[][] ALPHA_BETA = {{1, 0}, {-0.5f, 1}, {2, 0.25f}};

    /** A column-major {@code rows x cols} matrix with leading dimension {@code rows + PAD}, from {@code OFFSET}. */
    private record Stored(float[] data, int rows, int cols) {
        int ld() {
            return rows + PAD;
        }

        float get(int i, int j) {
            return data[OFFSET + i + j * ld()];
        }

        static Stored random(int rows, int cols, SplittableRandom random) {
            float[] data = new float[OFFSET + (rows + PAD) * cols + 2];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) random.nextDouble(-1, 1);
            }
            return new Stored(data, rows, cols);
        }
    }

    private static float op(Stored x, boolean transposed, int i, int j) {
        return transposed ? x.get(j, i) : x.get(i, j);
    }

    private static void gemm(int vectors, boolean ta, boolean tb, int m, int n, int k, float alpha, Stored a,
                             Stored b, float beta, Stored c) {
        VectorSgemm.gemm(vectors, ta, tb, m, n, k, alpha, a.data(), OFFSET, a.ld(), b.data(), OFFSET, b.ld(), beta,
                c.data(), OFFSET, c.ld());
    }

    /** A random matrix whose padding rows, floats before OFFSET and after its last column hold {@code outside}. */
    private static Stored randomWithOutside(int m, int n, float outside, SplittableRandom random) {
        Stored c = Stored.random(m, n, random);
        for (int i = 0; i < c.data().length; i++) {
            int inside = i - OFFSET;
            boolean inBlock = inside >= 0 && inside < c.ld() * n && inside % c.ld() < m;
            if (!inBlock) {
                c.data()[i] = outside;
            }
        }
        return c;
    }

    @Test
    void matchesDoublePrecisionReferenceForEveryTransposeShapeAlphaAndBetaWithSliversOfTwoVectors() {
        matchesDoublePrecisionReference(2);
    }

    @Test
    void matchesDoublePrecisionReferenceForEveryTransposeShapeAlphaAndBetaWithSliversOfFourVectors() {
        matchesDoublePrecisionReference(4);
    }

    private static void matchesDoublePrecisionReference(int vectors) {
        SplittableRandom random = new SplittableRandom(11);
        for (int[] shape : SHAPES) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                for (float[] ab : ALPHA_BETA) {
                    float alpha = ab[0];
                    float beta = ab[1];
                    Stored a = ta ? randomWithOutside(k, m, Float.NaN, random)
                            : randomWithOutside(m, k, Float.NaN, random);
                    Stored b = tb ? randomWithOutside(n, k, Float.NaN, random)
                            : randomWithOutside(k, n, Float.NaN, random);
                    Stored c = randomWithOutside(m, n, SENTINEL, random);
                    float[] before = c.data().clone();
                    float[] factorsBefore = concat(a.data(), b.data());
                    gemm(vectors, ta, tb, m, n, k, alpha, a, b, beta, c);
                    String what = vectors + " vectors, " + (ta ? "T" : "N") + (tb ? "T" : "N") + " m=" + m + " n="
                            + n + " k=" + k + " alpha=" + alpha + " beta=" + beta;
                    assertArrayEquals(factorsBefore, concat(a.data(), b.data()), what + ": changed a factor");
                    for (int j = 0; j < n; j++) {
                        for (int i = 0; i < m; i++) {
                            double exact = beta * (double) before[OFFSET + i + j * c.ld()];
                            double magnitude = Math.abs(exact);
                            for (int p = 0; p < k; p++) {
                                double term = alpha * (double) op(a, ta, i, p) * op(b, tb, p, j);
                                exact += term;
                                magnitude += Math.abs(term);
                            }
                            // The classic bound for a float sum of k + 2 products in any order: (k + 2) u sum|terms|.
                            double bound = (k + 2) * 0x1p-24 * magnitude + Float.MIN_NORMAL;
                            assertEquals(exact, c.get(i, j), bound, what + " at (" + i + ", " + j + ")");
                        }
                    }
                    for (int i = 0; i < c.data().length; i++) {
                        if (before[i] == SENTINEL) {
                            assertEquals(SENTINEL, c.data()[i], what + ": wrote outside the block at " + i);
                        }
                    }
                }
            }
        }
    }

    private static float[] concat(float[] x, float[] y) {
        float[] both = java.util.Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, both, x.length, y.length);
        return both;
    }

    @Test
    void betaZeroDoesNotReadTheOutputAndAlphaZeroDoesNotReadTheFactors() {
        SplittableRandom random = new SplittableRandom(3);
        int m = 70;
        int n = 9;
        int k = 20;
        Stored a = Stored.random(m, k, random);
        Stored b = Stored.random(k, n, random);
        Stored c = Stored.random(m, n, random);
        java.util.Arrays.fill(c.data(), Float.NaN);
        gemm(2, false, false, m, n, k, 1, a, b, 0, c);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                assertTrue(Float.isFinite(c.get(i, j)), "NaN in c survived beta = 0 at (" + i + ", " + j + ")");
            }
        }
        Stored poisoned = Stored.random(m, k, random);
        java.util.Arrays.fill(poisoned.data(), Float.NaN);
        float[] expected = c.data().clone();
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                expected[OFFSET + i + j * c.ld()] *= 0.5f;
            }
        }
        gemm(2, false, false, m, n, k, 0, poisoned, b, 0.5f, c);
        assertArrayEquals(expected, c.data(), "alpha = 0 must give beta * c without reading a and b");
    }

    @Test
    void threadsMultiplyConcurrentlyWithTheirOwnBuffers() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        List<Stored[]> problems = new ArrayList<>();
        List<float[]> sequential = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int m = 60 + 17 * i;
            int n = 7 + 5 * i;
            int k = 200 + 40 * i;
            Stored a = Stored.random(m, k, random);
            Stored b = Stored.random(k, n, random);
            Stored c = Stored.random(m, n, random);
            problems.add(new Stored[] {a, b, c});
            float[] out = c.data().clone();
            VectorSgemm.gemm(false, false, m, n, k, 1, a.data(), OFFSET, a.ld(), b.data(), OFFSET, b.ld(), 0, out,
                    OFFSET, c.ld());
            sequential.add(out);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (Stored[] problem : problems) {
                    results.add(pool.submit(() -> {
                        Stored a = problem[0];
                        Stored b = problem[1];
                        Stored c = problem[2];
                        float[] out = c.data().clone();
                        VectorSgemm.gemm(false, false, c.rows(), c.cols(), a.cols(), 1, a.data(), OFFSET, a.ld(),
                                b.data(), OFFSET, b.ld(), 0, out, OFFSET, c.ld());
                        return out;
                    }));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertArrayEquals(sequential.get(i % problems.size()), results.get(i).get(),
                        "product " + i + " differs when computed concurrently");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void blasUsesThisKernelExactlyWhenThereIsNoNativeLibraryAndVectorsHoldEightFloatsOrMore() {
        boolean nativeBlas = Blas.implementation().contains("JNI");
        boolean expected = !nativeBlas && !Boolean.getBoolean("backprop.netlibSgemm") && VectorSgemm.lanes() >= 8;
        assertEquals(expected ? "vector-api" : "netlib", Blas.floatGemm(), Blas.implementation() + ", "
                + VectorSgemm.lanes() + " float lanes");
        if (expected) {
            // And Blas.gemm then gives this kernel's result to the bit.
            SplittableRandom random = new SplittableRandom(9);
            Matrix a = Matrix.zeros(Precision.FLOAT, 90, 300);
            Matrix b = Matrix.zeros(Precision.FLOAT, 300, 11);
            for (int i = 0; i < a.size(); i++) {
                a.set(i, random.nextDouble(-1, 1));
            }
            for (int i = 0; i < b.size(); i++) {
                b.set(i, random.nextDouble(-1, 1));
            }
            Matrix c = Matrix.zeros(Precision.FLOAT, 90, 11);
            Blas.gemm(false, false, 1, a, b, 0, c);
            float[] direct = new float[90 * 11];
            VectorSgemm.gemm(false, false, 90, 11, 300, 1, ((FloatMatrix) a).data(), 0, 90, ((FloatMatrix) b).data(),
                    0, 300, 0, direct, 0, 90);
            assertArrayEquals(direct, ((FloatMatrix) c).data());
        }
    }
}
