package dev.backprop.data;

import dev.backprop.data.ScalingTestData.Reference;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.backprop.data.ScalingTestData.COLUMNS;
import static dev.backprop.data.ScalingTestData.assertMatches;
import static dev.backprop.data.ScalingTestData.assertRelative;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One-pass, mergeable column statistics against a two-pass computation in double. */
class ColumnStatisticsTest {

    private static final double RELATIVE = 1e-12;

    private static LabeledPoint point(int[] indices, double[] values) {
        return new LabeledPoint(0, indices, values);
    }

    @Test
    void oneSequentialPassMatchesTwoPassOnMixedScalesAndImplicitZeros() {
        List<LabeledPoint> points = ScalingTestData.mixedScales(5000, 1);
        ColumnStatistics statistics = ColumnStatistics.ofFeatures(points, COLUMNS);
        assertEquals(5000, statistics.rows());
        assertMatches(ScalingTestData.twoPassFeatures(points, COLUMNS), statistics, RELATIVE);
    }

    @Test
    void implicitZerosAreCountedExactly() {
        ColumnStatistics s = new ColumnStatistics(3);
        s.addSparse(new int[] {0}, new double[] {4});
        s.addSparse(new int[] {0, 2}, new double[] {8, -3});
        s.addSparse(new int[] {}, new double[] {});
        s.addSparse(new int[] {0}, new double[] {4});
        // column 0: 4, 8, 0, 4; column 1: all zeros; column 2: 0, -3, 0, 0
        assertEquals(4, s.count(0));
        assertEquals(4, s.mean(0));
        assertEquals(32, s.m2(0), 1e-15);
        assertEquals(8, s.variance(0), 1e-15);
        assertEquals(32.0 / 3, s.sampleVariance(0), 1e-14);
        assertEquals(0, s.min(0));
        assertEquals(8, s.max(0));
        assertEquals(0, s.mean(1));
        assertEquals(0, s.variance(1));
        assertTrue(s.isConstant(1));
        assertEquals(-0.75, s.mean(2));
        assertEquals(6.75, s.m2(2), 1e-15);
        assertEquals(-3, s.min(2));
        assertEquals(0, s.max(2));
        assertFalse(s.isConstant(2));
    }

    @Test
    void aVerySparseColumnKeepsItsRelativePrecision() {
        double v = 123.456;
        long n = 1_000_000;
        ColumnStatistics one = new ColumnStatistics(2);
        one.addSparse(new int[] {1}, new double[] {v});
        ColumnStatistics zeros = new ColumnStatistics(2);
        for (long i = 1; i < n; i++) {
            zeros.addSparse(new int[] {}, new double[] {});
        }
        for (ColumnStatistics s : List.of(one.copy().merge(zeros), zeros.copy().merge(one))) {
            assertEquals(n, s.rows());
            assertRelative(v / n, s.mean(1), 1e-15, "mean");
            assertRelative(v * v * (n - 1) / n, s.m2(1), 1e-15, "M2");
            assertEquals(0, s.min(1));
            assertEquals(v, s.max(1));
        }
    }

    @Test
    void denseRowsHaveNoImplicitZeros() {
        ColumnStatistics s = new ColumnStatistics(0);
        s.addDense(2, 5);
        s.addDense(4, 5);
        s.addDense(6, 5);
        assertEquals(2, s.columns());
        assertEquals(4, s.mean(0));
        assertEquals(8.0 / 3, s.variance(0), 1e-15);
        assertEquals(2, s.min(0));
        assertEquals(5, s.mean(1));
        assertEquals(0, s.variance(1));
        assertTrue(s.isConstant(1));
        assertEquals(5, s.min(1));
        assertEquals(5, s.max(1));
    }

    @Test
    void constantColumnHasExactlyZeroVariance() {
        List<LabeledPoint> points = ScalingTestData.mixedScales(777, 2);
        ColumnStatistics whole = ColumnStatistics.ofFeatures(points, COLUMNS);
        ColumnStatistics merged = new ColumnStatistics(COLUMNS);
        for (int from = 0; from < points.size(); from += 100) {
            merged.merge(ColumnStatistics.ofFeatures(points.subList(from, Math.min(points.size(), from + 100)), 0));
        }
        for (ColumnStatistics s : List.of(whole, merged)) {
            assertEquals(7.25, s.mean(3));
            assertEquals(0, s.m2(3));
            assertTrue(s.isConstant(3));
        }
    }

    /** Splits {@code points} into {@code parts} contiguous chunks, some of them empty. */
    private static List<ColumnStatistics> chunks(List<LabeledPoint> points, int parts) {
        List<ColumnStatistics> result = new ArrayList<>();
        int size = points.size();
        for (int k = 0; k < parts; k++) {
            int from = (int) ((long) size * k / parts);
            int to = (int) ((long) size * (k + 1) / parts);
            if (k % 3 == 1) {
                result.add(new ColumnStatistics(COLUMNS)); // an empty partition
                result.add(ColumnStatistics.ofFeatures(points.subList(from, to), COLUMNS));
            } else {
                result.add(ColumnStatistics.ofFeatures(points.subList(from, to), 0));
            }
        }
        return result;
    }

    private static ColumnStatistics leftFold(List<ColumnStatistics> parts) {
        ColumnStatistics total = new ColumnStatistics(0);
        parts.forEach(total::merge);
        return total;
    }

    private static ColumnStatistics pairwise(List<ColumnStatistics> parts) {
        if (parts.size() == 1) {
            return parts.get(0).copy();
        }
        int middle = parts.size() / 2;
        return pairwise(parts.subList(0, middle)).merge(pairwise(parts.subList(middle, parts.size())));
    }

    @Test
    void mergeOrderAndGroupingDoNotMatterBeyondRoundOff() {
        List<LabeledPoint> points = ScalingTestData.mixedScales(3001, 3);
        Reference[] reference = ScalingTestData.twoPassFeatures(points, COLUMNS);
        for (int parts = 1; parts <= 8; parts++) {
            List<ColumnStatistics> chunks = chunks(points, parts);
            List<ColumnStatistics> reversed = new ArrayList<>(chunks);
            Collections.reverse(reversed);
            List<ColumnStatistics> shuffled = new ArrayList<>(chunks);
            Collections.shuffle(shuffled, new java.util.Random(parts));
            ColumnStatistics left = leftFold(chunks);
            for (ColumnStatistics s : List.of(left, leftFold(reversed), pairwise(chunks), pairwise(shuffled))) {
                assertMatches(reference, s, RELATIVE);
                for (int j = 0; j < COLUMNS; j++) {
                    assertRelative(left.mean(j), s.mean(j), RELATIVE, parts + " parts, column " + j + " mean");
                    assertRelative(left.m2(j), s.m2(j), RELATIVE, parts + " parts, column " + j + " M2");
                }
            }
        }
    }

    @Test
    void mergingDoesNotChangeTheArgument() throws IOException {
        ColumnStatistics a = ColumnStatistics.ofFeatures(ScalingTestData.mixedScales(50, 4), COLUMNS);
        ColumnStatistics b = ColumnStatistics.ofFeatures(ScalingTestData.mixedScales(60, 5), COLUMNS);
        byte[] before = bytes(b);
        a.merge(b);
        assertArrayEquals(before, bytes(b));
        assertEquals(110, a.rows());
    }

    @Test
    void columnsGrowWithTheLargestIndexAndMergeAcrossWidths() {
        ColumnStatistics narrow = new ColumnStatistics(1);
        narrow.add(point(new int[] {0}, new double[] {2}));
        ColumnStatistics wide = new ColumnStatistics(0);
        wide.add(point(new int[] {4}, new double[] {6}));
        assertEquals(5, wide.columns());
        narrow.merge(wide);
        assertEquals(5, narrow.columns());
        assertEquals(2, narrow.rows());
        assertEquals(1, narrow.mean(0));
        assertEquals(3, narrow.mean(4));
        assertEquals(0, narrow.mean(2));
        assertEquals(2, narrow.count(2));
        for (int i = 0; i < 100; i++) {
            narrow.add(point(new int[] {10 + i}, new double[] {i}));
        }
        assertEquals(110, narrow.columns());
        assertEquals(99.0 / 102, narrow.mean(109), 1e-15); // 99 merged with 101 implicit zeros
    }

    @Test
    void nanCellsAreMissingAndNotCounted() {
        ColumnStatistics s = new ColumnStatistics(2);
        s.addDense(1, Double.NaN);
        s.addDense(Double.NaN, 10);
        s.addDense(3, 20);
        s.addSparse(new int[] {1}, new double[] {Double.NaN}); // column 0 is an implicit zero here
        assertEquals(4, s.rows());
        assertEquals(3, s.count(0));
        assertEquals(1, s.missing(0));
        assertEquals(4.0 / 3, s.mean(0), 1e-15);
        assertEquals(0, s.min(0));
        assertEquals(2, s.count(1));
        assertEquals(2, s.missing(1));
        assertEquals(15, s.mean(1));
        assertEquals(25, s.variance(1));
        assertEquals(10, s.min(1));
        Reference reference = ScalingTestData.twoPass(new double[] {1, Double.NaN, 3, 0});
        ScalingTestData.assertMatches(reference, s, 0, RELATIVE);
    }

    @Test
    void aColumnWithoutValuesHasNaNStatistics() {
        ColumnStatistics s = new ColumnStatistics(2);
        assertEquals(0, s.count(0));
        assertTrue(Double.isNaN(s.mean(0)));
        assertTrue(Double.isNaN(s.variance(0)));
        assertTrue(Double.isNaN(s.min(0)));
        assertTrue(Double.isNaN(s.max(0)));
        assertTrue(s.isConstant(0));
        s.addDense(Double.NaN, 1);
        assertEquals(0, s.count(0));
        assertTrue(Double.isNaN(s.mean(0)));
        assertTrue(Double.isNaN(s.sampleVariance(1)));
    }

    @Test
    void infiniteValuesAreRejectedBeforeAnythingIsCounted() {
        ColumnStatistics s = new ColumnStatistics(2);
        s.addDense(1, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.addSparse(new int[] {0, 1}, new double[] {5, Double.POSITIVE_INFINITY}));
        assertTrue(e.getMessage().contains("column 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.addDense(Double.NEGATIVE_INFINITY, 0));
        assertEquals(1, s.rows());
        assertEquals(1, s.mean(0));
    }

    @Test
    void indicesMustBeStrictlyIncreasingAndNotNegative() {
        ColumnStatistics s = new ColumnStatistics(3);
        assertThrows(IllegalArgumentException.class, () -> s.addSparse(new int[] {1, 1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> s.addSparse(new int[] {2, 1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> s.addSparse(new int[] {-1}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> s.addSparse(new int[] {0}, new double[] {1, 2}));
        assertEquals(0, s.rows());
        assertThrows(IndexOutOfBoundsException.class, () -> s.mean(3));
    }

    private static byte[] bytes(ColumnStatistics s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        s.writeTo(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    @Test
    void writeAndReadKeepEveryBit() throws IOException {
        ColumnStatistics s = ColumnStatistics.ofFeatures(ScalingTestData.mixedScales(300, 6), COLUMNS + 2);
        s.addDense(Double.NaN);
        byte[] written = bytes(s);
        ColumnStatistics read = ColumnStatistics.readFrom(new DataInputStream(new ByteArrayInputStream(written)));
        assertArrayEquals(written, bytes(read));
        assertEquals(s.rows(), read.rows());
        for (int j = 0; j < s.columns(); j++) {
            assertEquals(s.mean(j), read.mean(j));
            assertEquals(s.m2(j), read.m2(j));
            assertEquals(s.min(j), read.min(j));
            assertEquals(s.max(j), read.max(j));
            assertEquals(s.missing(j), read.missing(j));
        }
        // a read copy merges like the original
        assertArrayEquals(bytes(s.copy().merge(s)), bytes(read.merge(s)));
    }

    @Test
    void corruptInputIsAnIOException() {
        byte[] written;
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeLong(1);
            out.writeInt(1);
            out.writeLong(5); // 5 values in 1 row
            out.writeLong(0);
            for (int i = 0; i < 4; i++) {
                out.writeDouble(0);
            }
            written = bytes.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThrows(IOException.class,
                () -> ColumnStatistics.readFrom(new DataInputStream(new ByteArrayInputStream(written))));
    }

    @Test
    void exampleStatisticsCountFeaturesAndLabelsOfTheSameRows() {
        List<LabeledPoint> points = ScalingTestData.mixedScales(1000, 7);
        ExampleStatistics s = ExampleStatistics.of(points, COLUMNS);
        assertEquals(1000, s.rows());
        assertEquals(1, s.targets().columns());
        assertMatches(ScalingTestData.twoPassFeatures(points, COLUMNS), s.features(), RELATIVE);
        ScalingTestData.assertMatches(ScalingTestData.twoPassLabels(points), s.targets(), 0, RELATIVE);
        ExampleStatistics split = ExampleStatistics.of(points.subList(0, 400), COLUMNS)
                .merge(ExampleStatistics.of(points.subList(400, 1000), 0));
        ScalingTestData.assertMatches(ScalingTestData.twoPassLabels(points), split.targets(), 0, RELATIVE);
        assertThrows(IllegalArgumentException.class,
                () -> s.add(new LabeledPoint(Double.POSITIVE_INFINITY, new int[] {0}, new double[] {1})));
        assertThrows(IllegalArgumentException.class,
                () -> s.add(new LabeledPoint(1, new int[] {0}, new double[] {Double.NEGATIVE_INFINITY})));
        assertEquals(1000, s.rows());
        assertEquals(1000, s.targets().rows());
    }
}
