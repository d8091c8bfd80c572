package dev.backprop.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Data for the scaling tests and the reference they are checked against: a plain two-pass computation in double
 * (sum, mean = sum / n, then the sum of squared deviations from that mean) over the rows made dense.
 */
public final class ScalingTestData {

    /** Columns of {@link #mixedScales}. */
    public static final int COLUMNS = 8;

    private ScalingTestData() {
    }

    /**
     * {@code n} sparse rows, columns on wildly different scales: 0 dense around 0.001, 1 dense around 2500, 2 sparse
     * mixing 0.001 and 2500 in one column, 3 dense constant 7.25, 4 sparse (about 10%) in [-3, 5], 5 never present
     * (all implicit zeros), 6 sparse negative around -1e4, 7 dense in [-1e-6, 1e6). Label: a regression target
     * around 1000.
     */
    public static List<LabeledPoint> mixedScales(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<LabeledPoint> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int[] indices = new int[COLUMNS];
            double[] values = new double[COLUMNS];
            int k = 0;
            indices[k] = 0;
            values[k++] = 0.001 * (0.5 + random.nextDouble());
            indices[k] = 1;
            values[k++] = 2500 * (0.5 + random.nextDouble());
            if (random.nextDouble() < 0.6) {
                indices[k] = 2;
                values[k++] = random.nextBoolean() ? 0.001 : 2500;
            }
            indices[k] = 3;
            values[k++] = 7.25;
            if (random.nextDouble() < 0.1) {
                indices[k] = 4;
                values[k++] = -3 + 8 * random.nextDouble();
            }
            if (random.nextDouble() < 0.3) {
                indices[k] = 6;
                values[k++] = -1e4 * (1 + random.nextDouble());
            }
            indices[k] = 7;
            values[k++] = random.nextBoolean() ? -1e-6 * random.nextDouble() : 1e6 * random.nextDouble();
            double label = 1000 + 0.3 * values[1] + 50 * random.nextGaussian();
            points.add(new LabeledPoint(label, Arrays.copyOf(indices, k), Arrays.copyOf(values, k)));
        }
        return points;
    }

    /** Two-pass statistics of one column; NaN cells are missing and skipped. */
    public record Reference(long count, double mean, double variance, double min, double max) {
    }

    /** The two-pass reference of every feature column of {@code points} (absent features are zeros). */
    public static Reference[] twoPassFeatures(List<LabeledPoint> points, int columns) {
        double[][] dense = new double[columns][points.size()];
        for (int r = 0; r < points.size(); r++) {
            LabeledPoint p = points.get(r);
            for (int k = 0; k < p.indices().length; k++) {
                dense[p.indices()[k]][r] = p.values()[k];
            }
        }
        Reference[] result = new Reference[columns];
        for (int j = 0; j < columns; j++) {
            result[j] = twoPass(dense[j]);
        }
        return result;
    }

    /** The two-pass reference of the labels of {@code points}. */
    public static Reference twoPassLabels(List<LabeledPoint> points) {
        return twoPass(points.stream().mapToDouble(LabeledPoint::label).toArray());
    }

    /** Two-pass statistics of {@code column}, skipping NaN. */
    public static Reference twoPass(double[] column) {
        long n = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : column) {
            if (!Double.isNaN(x)) {
                n++;
                sum += x;
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        double mean = sum / n;
        double squares = 0;
        for (double x : column) {
            if (!Double.isNaN(x)) {
                squares += (x - mean) * (x - mean);
            }
        }
        return new Reference(n, mean, squares / n, min, max);
    }

    /** |actual - expected| <= relative * |expected| (so an expected 0 must be exactly 0). */
    public static void assertRelative(double expected, double actual, double relative, String what) {
        assertTrue(Math.abs(actual - expected) <= relative * Math.abs(expected),
                () -> what + ": expected " + expected + ", got " + actual + " (relative error "
                        + Math.abs(actual - expected) / Math.abs(expected) + ")");
    }

    /** Column {@code j} of {@code statistics} matches {@code reference}: counts, min and max exactly. */
    public static void assertMatches(Reference reference, ColumnStatistics statistics, int j, double relative) {
        String column = "column " + j;
        assertEquals(reference.count(), statistics.count(j), column + " count");
        assertRelative(reference.mean(), statistics.mean(j), relative, column + " mean");
        assertRelative(reference.variance(), statistics.variance(j), relative, column + " variance");
        assertEquals(reference.min(), statistics.min(j), 0, column + " min");
        assertEquals(reference.max(), statistics.max(j), 0, column + " max");
    }

    /** Every column of {@code statistics} matches {@code references}. */
    public static void assertMatches(Reference[] references, ColumnStatistics statistics, double relative) {
        assertEquals(references.length, statistics.columns(), "columns");
        for (int j = 0; j < references.length; j++) {
            assertMatches(references[j], statistics, j, relative);
        }
    }
}
