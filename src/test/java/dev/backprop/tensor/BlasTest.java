package dev.backprop.tensor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GEMM against a naive triple loop for the four transpose combinations, in double and float, on fresh matrices
 * and on views with a nonzero offset, with and without accumulation into {@code c}.
 *
 * <p>Tolerance per element: {@code tol * (|alpha| sum_p |op(a)_ip op(b)_pj| + |beta c_ij|)}, the usual error bound
 * of a dot product, with {@code tol} 1e-5 in float and 1e-13 in double.
 */
class BlasTest {

    /** How the operands are laid out in memory. */
    enum Layout {
        /** Each operand its own array, offset 0. */
        FRESH,
        /** Each operand a view starting at an offset that is not a whole number of columns. */
        OFFSET_VIEW,
        /** Each operand a range of columns of a wider matrix (nonzero offset). */
        COLUMN_VIEW
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        int[][] dims = {{5, 3, 4}, {4, 1, 6}, {1, 7, 3}, {6, 6, 1}, {33, 17, 29}};
        for (Precision precision : Precision.values()) {
            for (boolean ta : new boolean[]{false, true}) {
                for (boolean tb : new boolean[]{false, true}) {
                    for (Layout layout : Layout.values()) {
                        for (int[] d : dims) {
                            cases.add(Arguments.of(precision, ta, tb, layout, d[0], d[1], d[2]));
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} transA={1} transB={2} {3} m={4} n={5} k={6}")
    @MethodSource("cases")
    void gemmMatchesNaiveTripleLoop(Precision precision, boolean ta, boolean tb, Layout layout, int m, int n, int k) {
        SplittableRandom rng = new SplittableRandom(31L * m + 7L * n + k + (ta ? 1000 : 0) + (tb ? 2000 : 0));
        Operand a = operand(rng, precision, layout, ta ? k : m, ta ? m : k);
        Operand b = operand(rng, precision, layout, tb ? n : k, tb ? k : n);
        for (double[] alphaBeta : new double[][]{{1, 0}, {1, 1}, {-0.5, 0.75}}) {
            double alpha = alphaBeta[0];
            double beta = alphaBeta[1];
            Operand c = operand(rng, precision, layout, m, n);
            Matrix c0 = c.matrix().copy();
            double[] parentBefore = c.parent().toDoubleArray();

            Blas.gemm(ta, tb, alpha, a.matrix(), b.matrix(), beta, c.matrix());

            double tol = precision == Precision.FLOAT ? 1e-5 : 1e-13;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double exact = 0;
                    double scale = 0;
                    for (int p = 0; p < k; p++) {
                        double x = ta ? a.matrix().get(p, i) : a.matrix().get(i, p);
                        double y = tb ? b.matrix().get(j, p) : b.matrix().get(p, j);
                        exact += x * y;
                        scale += Math.abs(x * y);
                    }
                    double expected = alpha * exact + beta * c0.get(i, j);
                    double bound = tol * (Math.abs(alpha) * scale + Math.abs(beta * c0.get(i, j))) + 1e-300;
                    assertEquals(expected, c.matrix().get(i, j), bound,
                            "c(" + i + "," + j + ") with alpha=" + alpha + " beta=" + beta);
                }
            }
            // Values of the parent outside the view of c are untouched.
            int start = c.matrix().offset() - c.parent().offset();
            for (int e = 0; e < parentBefore.length; e++) {
                if (e < start || e >= start + m * n) {
                    assertEquals(parentBefore[e], c.parent().get(e), 0, "parent value " + e + " outside the view");
                }
            }
        }
    }

    /** A matrix and the matrix whose array it shares (itself when fresh). */
    private record Operand(Matrix matrix, Matrix parent) {
    }

    private static Operand operand(SplittableRandom rng, Precision precision, Layout layout, int rows, int cols) {
        switch (layout) {
            case FRESH: {
                Matrix m = random(rng, precision, rows, cols);
                return new Operand(m, m);
            }
            case OFFSET_VIEW: {
                Matrix parent = random(rng, precision, rows * cols + 8, 1);
                return new Operand(parent.view(3, rows, cols), parent);
            }
            default: {
                Matrix parent = random(rng, precision, rows, cols + 3);
                return new Operand(parent.columns(2, 2 + cols), parent);
            }
        }
    }

    private static Matrix random(SplittableRandom rng, Precision precision, int rows, int cols) {
        Matrix m = Matrix.zeros(precision, rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.set(i, rng.nextDouble(-1, 1));
        }
        return m;
    }

    @Test
    void handComputedProductWithTransposes() {
        for (Precision p : Precision.values()) {
            // A = [1 2; 3 4], B = [5 6; 7 8] (column-major values).
            Matrix a = Matrix.of(p, 2, 2, 1, 3, 2, 4);
            Matrix b = Matrix.of(p, 2, 2, 5, 7, 6, 8);
            Matrix c = Matrix.zeros(p, 2, 2);
            Blas.gemm(false, false, 1, a, b, 0, c);
            assertArrayEquals(new double[]{19, 43, 22, 50}, c); // A B = [19 22; 43 50]
            Blas.gemm(true, false, 1, a, b, 0, c);
            assertArrayEquals(new double[]{26, 38, 30, 44}, c); // A^T B = [26 30; 38 44]
            Blas.gemm(false, true, 1, a, b, 0, c);
            assertArrayEquals(new double[]{17, 39, 23, 53}, c); // A B^T = [17 23; 39 53]
            Blas.gemm(true, true, 1, a, b, 0, c);
            assertArrayEquals(new double[]{23, 34, 31, 46}, c); // A^T B^T = [23 31; 34 46]
            Blas.gemm(true, true, 2, a, b, 1, c);
            assertArrayEquals(new double[]{69, 102, 93, 138}, c); // accumulated: 3 A^T B^T
        }
    }

    private static void assertArrayEquals(double[] expected, Matrix actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual.toDoubleArray(), 0, actual.toString());
    }

    @Test
    void betaZeroOverwritesWhateverCHeld() {
        // BLAS convention: with beta = 0, c is not read, so NaN or infinity left in a reused buffer disappears.
        for (Precision p : Precision.values()) {
            Matrix a = Matrix.of(p, 2, 1, 1, 2);
            Matrix b = Matrix.of(p, 1, 2, 3, 4);
            Matrix c = Matrix.of(p, 2, 2, Double.NaN, Double.POSITIVE_INFINITY, Double.NaN, 1);
            Blas.gemm(false, false, 1, a, b, 0, c);
            assertArrayEquals(new double[]{3, 6, 4, 8}, c);
        }
    }

    @Test
    void emptyInnerDimensionGivesBetaTimesC() {
        for (Precision p : Precision.values()) {
            Matrix a = Matrix.zeros(p, 2, 0);
            Matrix b = Matrix.zeros(p, 0, 3);
            Matrix c = Matrix.of(p, 2, 3, 1, 2, 3, 4, 5, 6);
            Blas.gemm(false, false, 1, a, b, 0.5, c);
            assertArrayEquals(new double[]{0.5, 1, 1.5, 2, 2.5, 3}, c);
            c.fill(Double.NaN);
            Blas.gemm(false, false, 1, a, b, 0, c);
            assertArrayEquals(new double[]{0, 0, 0, 0, 0, 0}, c);
        }
    }

    @Test
    void shapeErrorsNameBothShapes() {
        Matrix a = Matrix.zeros(Precision.DOUBLE, 3, 4);
        Matrix b = Matrix.zeros(Precision.DOUBLE, 5, 2);
        ShapeException e = assertThrows(ShapeException.class,
                () -> Blas.gemm(false, false, 1, a, b, 0, Matrix.zeros(Precision.DOUBLE, 3, 2)));
        assertTrue(e.getMessage().contains("3x4") && e.getMessage().contains("5x2"), e.getMessage());

        e = assertThrows(ShapeException.class,
                () -> Blas.gemm(true, false, 1, a, b, 0, Matrix.zeros(Precision.DOUBLE, 4, 2)));
        assertTrue(e.getMessage().contains("3x4") && e.getMessage().contains("5x2"), e.getMessage());

        // Inner dimensions fit (4x3^T is 3x4, times 4x2 gives 3x2) but c (2x2) does not: all three shapes are named.
        Matrix at = Matrix.zeros(Precision.DOUBLE, 4, 3);
        Matrix b2 = Matrix.zeros(Precision.DOUBLE, 4, 2);
        e = assertThrows(ShapeException.class,
                () -> Blas.gemm(true, false, 1, at, b2, 0, Matrix.zeros(Precision.DOUBLE, 2, 2)));
        assertTrue(e.getMessage().contains("4x3") && e.getMessage().contains("4x2")
                && e.getMessage().contains("2x2"), e.getMessage());
    }

    @Test
    void mixedPrecisionsAreRejected() {
        Matrix a = Matrix.zeros(Precision.DOUBLE, 2, 2);
        Matrix b = Matrix.zeros(Precision.FLOAT, 2, 2);
        assertThrows(IllegalArgumentException.class,
                () -> Blas.gemm(false, false, 1, a, b, 0, Matrix.zeros(Precision.DOUBLE, 2, 2)));
    }

    @Test
    void reportsItsImplementation() {
        assertTrue(Blas.implementation().startsWith("dev.ludovic.netlib.blas."), Blas.implementation());
    }
}
