package dev.backprop.metrics;

import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RMSE, MAE and R^2 from mergeable sums: against scikit-learn's documented examples, against a two-pass
 * computation in double (also where the targets' mean dwarfs their spread), merged from partitions, and on the
 * original scale through an unscaler.
 */
class RegressionSumsTest {

    private static RegressionSums single(double[] targets, double[] predictions) {
        RegressionSums sums = new RegressionSums(1);
        for (int i = 0; i < targets.length; i++) {
            sums.add(new double[]{predictions[i]}, new double[]{targets[i]});
        }
        return sums;
    }

    /** R^2 from a two-pass SST and the summed squared errors. */
    private static double twoPassR2(double[] t, double[] p) {
        double sse = 0;
        for (int i = 0; i < t.length; i++) {
            sse += (p[i] - t[i]) * (p[i] - t[i]);
        }
        return 1 - sse / twoPassSst(t);
    }

    /**
     * The targets' sum of squared deviations in two passes: the mean first, then the squares of the deviations,
     * with the correction {@code - (sum d)^2 / n} for the rounding of the mean (the corrected two-pass algorithm of
     * Chan, Golub and LeVeque, which matters when the mean is 1e9 times the spread).
     */
    private static double twoPassSst(double[] t) {
        double mean = 0;
        for (double v : t) {
            mean += v;
        }
        mean /= t.length;
        double squares = 0;
        double deviations = 0;
        for (double v : t) {
            squares += (v - mean) * (v - mean);
            deviations += v - mean;
        }
        return squares - deviations * deviations / t.length;
    }

    @Test
    void scikitLearnsSingleOutputExamples() {
        // r2_score([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]) = 0.948...; mean_squared_error = 0.375;
        // mean_absolute_error = 0.5
        RegressionSums s = single(new double[]{3, -0.5, 2, 7}, new double[]{2.5, 0.0, 2, 8});
        assertEquals(1 - 1.5 / 29.1875, s.r2(), 1e-15);
        assertEquals(0.948, s.r2(), 0.001);
        assertEquals(Math.sqrt(0.375), s.rmse(), 1e-15);
        assertEquals(0.5, s.mae(), 1e-15);
        assertEquals(2.875, s.targetMean(0), 1e-15);
        // r2_score([1, 2, 3], [1, 2, 3]) = 1; ([1, 2, 3], [2, 2, 2]) = 0; ([1, 2, 3], [3, 2, 1]) = -3
        assertEquals(1, single(new double[]{1, 2, 3}, new double[]{1, 2, 3}).r2(), 0);
        assertEquals(0, single(new double[]{1, 2, 3}, new double[]{2, 2, 2}).r2(), 1e-15);
        assertEquals(-3, single(new double[]{1, 2, 3}, new double[]{3, 2, 1}).r2(), 1e-15);
    }

    @Test
    void constantTargetsGiveOneWhenExactAndZeroOtherwiseAsForceFinite() {
        // r2_score([-2, -2, -2], [-2, -2, -2]) = 1.0; r2_score([-2, -2, -2], [-2, -2, -2 + 1e-8]) = 0.0
        assertEquals(1, single(new double[]{-2, -2, -2}, new double[]{-2, -2, -2}).r2(), 0);
        assertEquals(0, single(new double[]{-2, -2, -2}, new double[]{-2, -2, -2 + 1e-8}).r2(), 0);
    }

    @Test
    void scikitLearnsMultiOutputExample() {
        // y_true = [[0.5, 1], [-1, 1], [7, -6]], y_pred = [[0, 2], [-1, 2], [8, -5]]:
        // root_mean_squared_error = 0.822..., mean_absolute_error = 0.75 (raw values [0.5, 1]),
        // r2_score(multioutput='raw_values') = [1 - 1.25 / (109 / 3 - 6.5^2 / 3 ...)], uniform average 0.936...
        RegressionSums s = new RegressionSums(2);
        double[][] t = {{0.5, 1}, {-1, 1}, {7, -6}};
        double[][] p = {{0, 2}, {-1, 2}, {8, -5}};
        for (int i = 0; i < 3; i++) {
            s.add(p[i], t[i]);
        }
        assertEquals(Math.sqrt(1.25 / 3), s.rmse(0), 1e-15);
        assertEquals(1, s.rmse(1), 1e-15);
        assertEquals((Math.sqrt(1.25 / 3) + 1) / 2, s.rmse(), 1e-15);
        assertEquals(0.822, s.rmse(), 0.001);
        assertEquals(0.5, s.mae(0), 1e-15);
        assertEquals(1, s.mae(1), 1e-15);
        assertEquals(0.75, s.mae(), 1e-15);
        double sst0 = twoPassSst(new double[]{0.5, -1, 7});
        double sst1 = twoPassSst(new double[]{1, 1, -6});
        assertEquals(sst0, s.targetM2(0), 1e-12);
        assertEquals(1 - 1.25 / sst0, s.r2(0), 1e-14);
        assertEquals(1 - 3 / sst1, s.r2(1), 1e-14);
        assertEquals((s.r2(0) + s.r2(1)) / 2, s.r2(), 0);
        // variance_weighted, the average scikit-learn documents: 0.938...
        assertEquals(0.938, 1 - (1.25 + 3) / (sst0 + sst1), 0.001);
    }

    @Test
    void r2MatchesATwoPassComputationWhereTheMeanDwarfsTheSpread() {
        Random random = new Random(11);
        int n = 20_000;
        double[] t = new double[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 1e7 + 0.01 * random.nextGaussian();
            p[i] = t[i] + 0.004 * random.nextGaussian();
        }
        RegressionSums s = single(t, p);
        double expectedSst = twoPassSst(t);
        assertEquals(expectedSst, s.targetM2(0), 1e-12 * expectedSst);
        assertEquals(twoPassR2(t, p), s.r2(), 1e-12);
        assertTrue(s.r2() > 0.8 && s.r2() < 0.9, "about 1 - 0.16: " + s.r2());
        // The same in 8 partitions merged in order.
        RegressionSums merged = new RegressionSums(1);
        for (int k = 0; k < 8; k++) {
            RegressionSums part = new RegressionSums(1);
            for (int i = k * n / 8; i < (k + 1) * n / 8; i++) {
                part.add(new double[]{p[i]}, new double[]{t[i]});
            }
            merged.merge(part);
        }
        assertEquals(expectedSst, merged.targetM2(0), 1e-12 * expectedSst);
        assertEquals(twoPassR2(t, p), merged.r2(), 1e-12);
        // The naive one-pass formula loses the spread entirely here.
        double sum = 0;
        double sumSquares = 0;
        for (double v : t) {
            sum += v;
            sumSquares += v * v;
        }
        double naive = sumSquares - sum * sum / n;
        assertTrue(Math.abs(naive - expectedSst) > 0.5 * expectedSst, "naive " + naive + " vs " + expectedSst);
    }

    @Test
    void partitionsMergedInOrderMatchASinglePassAndTheTwoPassValues() {
        Random random = new Random(12);
        int n = 10_000;
        int outputs = 3;
        double[][] t = new double[n][outputs];
        double[][] p = new double[n][outputs];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < outputs; o++) {
                t[i][o] = 1000 * o + (o + 1) * random.nextGaussian();
                p[i][o] = t[i][o] + 0.3 * random.nextGaussian() + 0.1;
            }
        }
        RegressionSums whole = new RegressionSums(outputs);
        for (int i = 0; i < n; i++) {
            whole.add(p[i], t[i]);
        }
        for (int partitions : new int[]{1, 2, 3, 8}) {
            RegressionSums merged = new RegressionSums(outputs);
            int from = 0;
            for (int k = 0; k < partitions; k++) {
                int to = k == partitions - 1 ? n : from + random.nextInt(n / partitions + 1);
                RegressionSums part = new RegressionSums(outputs);
                for (int i = from; i < to; i++) {
                    part.add(p[i], t[i]);
                }
                merged.merge(part);
                from = to;
            }
            merged.merge(new RegressionSums(outputs));
            assertEquals(n, merged.count());
            for (int o = 0; o < outputs; o++) {
                double[] to = new double[n];
                double[] po = new double[n];
                for (int i = 0; i < n; i++) {
                    to[i] = t[i][o];
                    po[i] = p[i][o];
                }
                double sst = twoPassSst(to);
                assertEquals(sst, merged.targetM2(o), 1e-12 * sst, partitions + " partitions, output " + o);
                assertEquals(twoPassR2(to, po), merged.r2(o), 1e-12);
                assertEquals(whole.r2(o), merged.r2(o), 1e-12);
                assertEquals(whole.rmse(o), merged.rmse(o), 1e-12);
                assertEquals(whole.mae(o), merged.mae(o), 1e-12);
                assertEquals(whole.targetMean(o), merged.targetMean(o), 1e-9);
            }
        }
    }

    @Test
    void theUnscalerBringsPredictionsAndTargetsToTheOriginalScale() {
        Random random = new Random(13);
        int n = 500;
        double[] mean = {250, -3};
        double[] std = {40, 0.5};
        Matrix scaledPredictions = Matrix.zeros(Precision.DOUBLE, 2, n);
        Matrix scaledTargets = Matrix.zeros(Precision.DOUBLE, 2, n);
        RegressionSums original = new RegressionSums(2);
        for (int j = 0; j < n; j++) {
            double[] t = new double[2];
            double[] p = new double[2];
            for (int o = 0; o < 2; o++) {
                t[o] = mean[o] + std[o] * random.nextGaussian();
                p[o] = t[o] + 0.2 * std[o] * random.nextGaussian();
                scaledTargets.set(o, j, (t[o] - mean[o]) / std[o]);
                scaledPredictions.set(o, j, (p[o] - mean[o]) / std[o]);
            }
            original.add(p, t);
        }
        RegressionSums unscaled = new RegressionSums(2);
        unscaled.add(scaledPredictions, scaledTargets, (o, v) -> v * std[o] + mean[o]);
        RegressionSums scaled = new RegressionSums(2);
        scaled.add(scaledPredictions, scaledTargets, TargetUnscaler.IDENTITY);
        for (int o = 0; o < 2; o++) {
            assertEquals(original.rmse(o), unscaled.rmse(o), 1e-9 * original.rmse(o));
            assertEquals(original.mae(o), unscaled.mae(o), 1e-9 * original.mae(o));
            assertEquals(original.r2(o), unscaled.r2(o), 1e-9);
            assertEquals(original.r2(o), scaled.r2(o), 1e-9, "R^2 does not depend on an affine scale");
        }
        assertEquals(0.2 * std[0], unscaled.rmse(0), 0.02 * std[0]);
        assertEquals(0.2, scaled.rmse(0), 0.02, "without the unscaler RMSE is in standard deviations");
    }

    @Test
    void sumsReadBackEqualTheOriginalToTheBit() throws IOException {
        RegressionSums s = single(new double[]{3, -0.5, 2, 7}, new double[]{2.5, 0.0, 2, 8});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        s.writeTo(new DataOutputStream(bytes));
        RegressionSums back = RegressionSums.readFrom(
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(s.count(), back.count());
        assertEquals(s.targetMean(0), back.targetMean(0), 0);
        assertEquals(s.targetM2(0), back.targetM2(0), 0);
        assertEquals(s.r2(), back.r2(), 0);
        assertEquals(s.rmse(), back.rmse(), 0);
        assertEquals(s.mae(), back.mae(), 0);
        RegressionSums more = single(new double[]{1, 2}, new double[]{1.5, 2});
        s.merge(more);
        back.merge(more);
        assertEquals(s.r2(), back.r2(), 0, "the shift travels too");
    }

    @Test
    void mismatchesAndEmptySums() {
        assertThrows(IllegalArgumentException.class, () -> new RegressionSums(2).merge(new RegressionSums(1)));
        assertThrows(IllegalArgumentException.class, () -> new RegressionSums(2).add(new double[1], new double[2]));
        assertThrows(IllegalArgumentException.class, () -> new RegressionSums(0));
        assertTrue(Double.isNaN(new RegressionSums(1).r2()));
        assertTrue(Double.isNaN(new RegressionSums(1).rmse()));
        RegressionSums empty = new RegressionSums(1);
        RegressionSums s = single(new double[]{3, -0.5, 2, 7}, new double[]{2.5, 0.0, 2, 8});
        empty.merge(s);
        assertEquals(s.r2(), empty.r2(), 0);
        assertEquals(s.targetMean(0), empty.targetMean(0), 0);
    }
}
