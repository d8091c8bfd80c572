package dev.backprop.tensor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Layout, views and the elementwise and broadcast kernels of {@link Matrix}, against hand-computed values. */
class MatrixTest {

    private static void assertValues(double[] expected, Matrix actual) {
        assertArrayEquals(expected, actual.toDoubleArray(), 0, actual.toString());
    }

    private static void assertNamesBoth(ShapeException e, String first, String second) {
        assertTrue(e.getMessage().contains(first) && e.getMessage().contains(second), e.getMessage());
    }

    // ---- layout and construction ---------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Precision.class)
    void valuesAreColumnMajor(Precision p) {
        // [1 3 5; 2 4 6]
        Matrix m = Matrix.of(p, 2, 3, 1, 2, 3, 4, 5, 6);
        assertEquals(p, m.precision());
        assertEquals(Shape.of(2, 3), m.shape());
        assertEquals(2, m.get(1, 0), 0);
        assertEquals(3, m.get(0, 1), 0);
        assertEquals(6, m.get(1, 2), 0);
        m.set(0, 2, 50);
        assertEquals(50, m.get(4), 0);
        assertEquals(0, m.offset());
    }

    @Test
    void constructionChecksSizes() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> Matrix.of(Precision.DOUBLE, 2, 2, 1, 2, 3));
        assertTrue(e.getMessage().contains("2x2"), e.getMessage());
        assertThrows(ShapeException.class, () -> new DoubleMatrix(new double[5], 2, 2, 2));
        assertThrows(ShapeException.class, () -> new FloatMatrix(new float[4], -1, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> Matrix.zeros(Precision.FLOAT, -1, 2));
        assertEquals(0, Matrix.zeros(Precision.DOUBLE, 0, 3).size());
    }

    @Test
    void floatMatricesRoundToFloat() {
        Matrix m = Matrix.zeros(Precision.FLOAT, 1, 1);
        m.set(0, 0.1);
        assertEquals((float) 0.1, m.get(0), 0);
        assertEquals(Precision.FLOAT, Matrix.scalar(Precision.FLOAT, 2).precision());
        Matrix d = m.toPrecision(Precision.DOUBLE);
        assertEquals(Precision.DOUBLE, d.precision());
        assertEquals((float) 0.1, d.get(0), 0);
    }

    // ---- views ---------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Precision.class)
    void columnViewsShareStorageBothWays(Precision p) {
        Matrix parent = Matrix.of(p, 2, 4, 1, 2, 3, 4, 5, 6, 7, 8);
        Matrix middle = parent.columns(1, 3);
        assertEquals(Shape.of(2, 2), middle.shape());
        assertEquals(2, middle.offset());
        assertValues(new double[]{3, 4, 5, 6}, middle);
        middle.set(1, 1, 60);
        assertEquals(60, parent.get(1, 2), 0, "writing through the view changes the parent");
        parent.set(0, 1, 30);
        assertEquals(30, middle.get(0, 0), 0, "writing the parent changes the view");
        middle.fill(0);
        assertValues(new double[]{1, 2, 0, 0, 0, 0, 7, 8}, parent);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void viewsOfViewsAddTheirOffsets(Precision p) {
        Matrix flat = Matrix.zeros(p, 12, 1);
        Matrix outer = flat.view(2, 3, 3);
        Matrix inner = outer.columns(1, 2);
        assertEquals(5, inner.offset());
        inner.set(2, 9);
        assertEquals(9, flat.get(7), 0);
        Matrix reshaped = outer.reshape(1, 9);
        assertEquals(9, reshaped.get(0, 5), 0, "reshape shares the array too");
        assertThrows(ShapeException.class, () -> outer.reshape(2, 5));
    }

    @Test
    void viewsOutOfRangeAreRejected() {
        Matrix m = Matrix.zeros(Precision.DOUBLE, 3, 4);
        ShapeException e = assertThrows(ShapeException.class, () -> m.view(10, 1, 3));
        assertTrue(e.getMessage().contains("3x4"), e.getMessage());
        assertThrows(ShapeException.class, () -> m.view(-1, 1, 1));
        assertThrows(ShapeException.class, () -> m.columns(3, 5));
        assertThrows(ShapeException.class, () -> m.columns(2, 1));
        assertEquals(0, m.columns(4, 4).cols());
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void copiesDoNotShareStorage(Precision p) {
        Matrix m = Matrix.of(p, 1, 2, 1, 2);
        Matrix c = m.copy();
        assertNotSame(m, c);
        c.set(0, 100);
        assertEquals(1, m.get(0), 0);
    }

    // ---- kernels -------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Precision.class)
    void axpyScaleFill(Precision p) {
        Matrix y = Matrix.of(p, 3, 1, 1, 2, 3);
        y.axpy(2, Matrix.of(p, 3, 1, 4, 5, 6));
        assertValues(new double[]{9, 12, 15}, y);
        y.axpy(-1, Matrix.of(p, 3, 1, 9, 12, 15));
        assertValues(new double[]{0, 0, 0}, y);
        Matrix z = Matrix.of(p, 2, 1, 1.5, -2);
        z.scale(-2);
        assertValues(new double[]{-3, 4}, z);
        z.fill(7);
        assertValues(new double[]{7, 7}, z);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void kernelsOnAViewTouchOnlyTheView(Precision p) {
        Matrix parent = Matrix.of(p, 2, 3, 1, 1, 1, 1, 1, 1);
        parent.columns(1, 2).axpy(3, Matrix.of(p, 2, 1, 1, 2));
        assertValues(new double[]{1, 1, 4, 7, 1, 1}, parent);
        assertEquals(11, parent.columns(1, 2).sum(), 0);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void arrayKernelsOnViewsReadAndWriteOnlyTheirColumns(Precision p) {
        // Views at offsets into larger arrays: the subclasses' array loops must honour both offsets.
        Matrix a = Matrix.of(p, 2, 4, 9, 9, 1, 2, 3, 4, 9, 9).columns(1, 3);
        Matrix b = Matrix.of(p, 2, 4, 8, 8, 8, 8, 5, 6, 7, 8).columns(2, 4);
        assertEquals(1 * 5 + 2 * 6 + 3 * 7 + 4 * 8, a.dot(b), 0);
        Matrix outParent = Matrix.of(p, 2, 3, -1, -1, 0, 0, 0, 0);
        Matrix out = outParent.columns(1, 3);
        a.addColumnVector(Matrix.of(p, 3, 1, 0, 10, 20).view(1, 2, 1), out);
        assertValues(new double[]{-1, -1, 11, 22, 13, 24}, outParent);
        Matrix sums = Matrix.of(p, 3, 1, 7, 1, 1);
        a.addRowSumsTo(sums.view(1, 2, 1));
        assertValues(new double[]{7, 5, 7}, sums);
        out.copyFrom(b);
        assertValues(new double[]{-1, -1, 5, 6, 7, 8}, outParent);
        out.scale(2);
        out.fill(3);
        assertValues(new double[]{-1, -1, 3, 3, 3, 3}, outParent);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void addColumnVectorBroadcastsOverColumns(Precision p) {
        Matrix x = Matrix.of(p, 2, 3, 1, 2, 3, 4, 5, 6);
        Matrix out = Matrix.zeros(p, 2, 3);
        x.addColumnVector(Matrix.of(p, 2, 1, 10, -20), out);
        assertValues(new double[]{11, -18, 13, -16, 15, -14}, out);
        ShapeException e = assertThrows(ShapeException.class,
                () -> x.addColumnVector(Matrix.zeros(p, 3, 1), out));
        assertNamesBoth(e, "3x1", "2x3");
        e = assertThrows(ShapeException.class, () -> x.addColumnVector(Matrix.zeros(p, 2, 2), out));
        assertNamesBoth(e, "2x2", "2x3");
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void addRowSumsToAccumulates(Precision p) {
        // Row sums of [1 3 5; 2 4 6] are 9 and 12, added to what the target held.
        Matrix x = Matrix.of(p, 2, 3, 1, 2, 3, 4, 5, 6);
        Matrix target = Matrix.of(p, 2, 1, 10, 20);
        x.addRowSumsTo(target);
        assertValues(new double[]{19, 32}, target);
        ShapeException e = assertThrows(ShapeException.class, () -> x.addRowSumsTo(Matrix.zeros(p, 3, 1)));
        assertNamesBoth(e, "3x1", "2x3");
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void sumDotAndNorm(Precision p) {
        Matrix a = Matrix.of(p, 2, 2, 1, -2, 3, 4);
        Matrix b = Matrix.of(p, 2, 2, 5, 6, -7, 8);
        assertEquals(6, a.sum(), 0);
        assertEquals(5 - 12 - 21 + 32, a.dot(b), 0);
        assertEquals(Math.sqrt(30), a.norm(), 1e-15);
        assertEquals(0, Matrix.zeros(p, 0, 0).sum(), 0);
    }

    @Test
    void floatSumsAccumulateInDouble() {
        // In float, 1e8 + 1 rounds back to 1e8 and the sum would be 0.
        Matrix m = Matrix.of(Precision.FLOAT, 3, 1, 1e8, 1, -1e8);
        assertEquals(1, m.sum(), 0);
        assertEquals(1, m.dot(Matrix.of(Precision.FLOAT, 3, 1, 1, 1, 1)), 0);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void mapZipAndAddZip(Precision p) {
        Matrix a = Matrix.of(p, 1, 3, 1, 2, 3);
        Matrix b = Matrix.of(p, 1, 3, 4, 5, 6);
        Matrix out = Matrix.zeros(p, 1, 3);
        a.map(x -> x * x, out);
        assertValues(new double[]{1, 4, 9}, out);
        a.zip(b, (x, y) -> x - y, out);
        assertValues(new double[]{-3, -3, -3}, out);
        out.addZip(a, b, (x, y) -> x * y);
        assertValues(new double[]{1, 7, 15}, out);
        out.addZip3(a, b, a, (x, y, z) -> x + y + z);
        assertValues(new double[]{7, 16, 27}, out);
    }

    @Test
    void kernelsRejectMismatchedShapesNamingBoth() {
        Matrix a = Matrix.zeros(Precision.DOUBLE, 2, 3);
        Matrix b = Matrix.zeros(Precision.DOUBLE, 3, 2);
        assertNamesBoth(assertThrows(ShapeException.class, () -> a.axpy(1, b)), "2x3", "3x2");
        assertNamesBoth(assertThrows(ShapeException.class, () -> a.dot(b)), "2x3", "3x2");
        assertNamesBoth(assertThrows(ShapeException.class, () -> a.copyFrom(b)), "2x3", "3x2");
        assertNamesBoth(assertThrows(ShapeException.class, () -> a.zip(a, Double::sum, b)), "2x3", "3x2");
        assertNamesBoth(assertThrows(ShapeException.class, () -> a.map(x -> x, b)), "2x3", "3x2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.axpy(1, Matrix.zeros(Precision.FLOAT, 2, 3)));
        assertTrue(e.getMessage().contains("FLOAT") && e.getMessage().contains("DOUBLE"), e.getMessage());
    }

    @Test
    void newZerosKeepsThePrecision() {
        Matrix f = Matrix.zeros(Precision.FLOAT, 1, 1);
        assertSame(Precision.FLOAT, f.newZeros(2, 2).precision());
        assertEquals(Shape.of(2, 2), f.newZeros(2, 2).shape());
        assertTrue(f.toString().startsWith("float 1x1"), f.toString());
    }
}
