package dev.backprop.data;

import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import dev.backprop.tensor.ShapeException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.backprop.data.ScalingTestData.assertRelative;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fitting and applying standard, minmax and no scaling; constant columns; parameters as arrays; targets. */
class FeatureScalerTest {

    /**
     * Column 0 has mean 5 and population standard deviation 2; column 1 runs from -2 to 6; column 2 is the
     * constant 3.
     */
    private static final double[][] ROWS = {
            {2, -2, 3}, {4, 0, 3}, {4, 6, 3}, {4, 2, 3}, {5, 4, 3}, {5, -1, 3}, {7, 1, 3}, {9, 3, 3},
    };

    private static ColumnStatistics handMade() {
        ColumnStatistics s = new ColumnStatistics(3);
        for (double[] row : ROWS) {
            s.addDense(row);
        }
        return s;
    }

    private static LabeledPoint dense(double... values) {
        return new LabeledPoint(1, new int[] {0, 1, 2}, values);
    }

    @Test
    void standardScalingGivesTheExpectedValues() {
        FeatureScaler scaler = FeatureScaler.fit(handMade(), ScalingMethod.STANDARD, true);
        assertArrayEquals(new double[] {5, 1.625, 3}, scaler.offsets());
        assertEquals(2, scaler.scales()[0]);
        assertEquals(1, scaler.scales()[2]); // the constant column
        double[] column0 = new double[ROWS.length];
        for (int r = 0; r < ROWS.length; r++) {
            LabeledPoint scaled = scaler.apply(dense(ROWS[r]));
            column0[r] = scaled.values()[0];
            assertEquals(0.0, scaled.values()[2]); // constant column: exactly 0
            assertEquals(1, scaled.label());
        }
        assertArrayEquals(new double[] {-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2}, column0);
    }

    @Test
    void minmaxScalingGivesTheExpectedValues() {
        FeatureScaler scaler = FeatureScaler.fit(handMade(), ScalingMethod.MINMAX, false);
        assertArrayEquals(new double[] {2, -2, 3}, scaler.offsets());
        assertArrayEquals(new double[] {7, 8, 1}, scaler.scales());
        double[] column1 = new double[ROWS.length];
        for (int r = 0; r < ROWS.length; r++) {
            LabeledPoint scaled = scaler.apply(dense(ROWS[r]));
            column1[r] = scaled.values()[1];
            assertEquals((ROWS[r][0] - 2) / 7, scaled.values()[0]);
            assertEquals(0.0, scaled.values()[2]);
        }
        assertArrayEquals(new double[] {0, 0.25, 1, 0.5, 0.75, 0.125, 0.375, 0.625}, column1);
        assertEquals(-0.25, scaler.scale(1, -4)); // new data may leave [0, 1]
    }

    @Test
    void noScalingIsTheIdentity() {
        FeatureScaler scaler = FeatureScaler.fit(handMade(), ScalingMethod.NONE, true);
        assertTrue(scaler.isIdentity());
        assertEquals(FeatureScaler.identity(3), scaler);
        LabeledPoint p = dense(2.5, -7, 1e9);
        assertEquals(p, scaler.apply(p));
    }

    @Test
    void sparseStandardScalingWithoutMeanKeepsTheZeros() {
        ColumnStatistics s = new ColumnStatistics(4);
        s.addSparse(new int[] {1}, new double[] {4});
        s.addSparse(new int[] {1, 3}, new double[] {-4, 6});
        s.addSparse(new int[] {}, new double[] {});
        s.addSparse(new int[] {3}, new double[] {6});
        // column 1: 4, -4, 0, 0 (mean 0, std sqrt(8)); column 3: 0, 6, 0, 6 (mean 3, std 3)
        FeatureScaler scaler = FeatureScaler.fit(s, ScalingMethod.STANDARD, false);
        assertArrayEquals(new double[4], scaler.offsets());
        assertArrayEquals(new double[] {1, Math.sqrt(8), 1, 3}, scaler.scales());
        LabeledPoint scaled = scaler.apply(new LabeledPoint(0, new int[] {1, 3}, new double[] {-4, 6}));
        assertArrayEquals(new int[] {1, 3}, scaled.indices());
        assertArrayEquals(new double[] {-4 / Math.sqrt(8), 2}, scaled.values());
    }

    @Test
    void centeringMakesSparseRowsDense() {
        ColumnStatistics s = new ColumnStatistics(3);
        s.addSparse(new int[] {1}, new double[] {4});
        s.addSparse(new int[] {}, new double[] {});
        // column 1: 4, 0 (mean 2, std 2); columns 0 and 2: always 0, constant
        FeatureScaler scaler = FeatureScaler.fit(s, ScalingMethod.STANDARD, true);
        LabeledPoint scaled = scaler.apply(new LabeledPoint(5, new int[] {}, new double[] {}));
        assertArrayEquals(new int[] {0, 1, 2}, scaled.indices());
        assertArrayEquals(new double[] {0, -1, 0}, scaled.values());
        assertEquals(5, scaled.label());
        assertArrayEquals(new double[] {0, 1, 0}, scaler.apply(new LabeledPoint(5, new int[] {1},
                new double[] {4})).values());
    }

    @Test
    void constantColumnsGiveFiniteValues() {
        ColumnStatistics s = new ColumnStatistics(3);
        for (int i = 0; i < 5; i++) {
            s.addDense(2500, 0.001, 0); // every column constant, one of them all zeros
        }
        for (ScalingMethod method : ScalingMethod.values()) {
            for (boolean withMean : new boolean[] {true, false}) {
                FeatureScaler scaler = FeatureScaler.fit(s, method, withMean);
                assertArrayEquals(new double[] {1, 1, 1}, scaler.scales(), method + " " + withMean);
                double[] values = scaler.apply(dense(2500, 0.001, 0)).values();
                boolean shifted = method == ScalingMethod.MINMAX || method == ScalingMethod.STANDARD && withMean;
                // with an offset the training value maps to 0, without one it is left as it is
                assertArrayEquals(shifted ? new double[] {0, 0, 0} : new double[] {2500, 0.001, 0}, values,
                        method + " " + withMean);
                for (double v : scaler.apply(dense(-1e6, 7, 1e6)).values()) {
                    assertTrue(Double.isFinite(v), method + " " + withMean + ": " + v);
                }
            }
        }
    }

    @Test
    void aConstantColumnMapsToExactlyZeroWhateverTheMergesRoundedInItsMean() {
        ColumnStatistics merged = new ColumnStatistics(2);
        for (int part = 1; part <= 7; part++) {
            ColumnStatistics s = new ColumnStatistics(2);
            for (int i = 0; i < part * 3; i++) {
                s.addDense(0.1, i);
            }
            merged.merge(s);
        }
        FeatureScaler scaler = FeatureScaler.fit(merged, ScalingMethod.STANDARD, true);
        assertEquals(0.1, scaler.offsets()[0]);
        assertEquals(0.0, scaler.scale(0, 0.1));
    }

    @Test
    void columnsWithoutValuesAreLeftAsTheyAre() {
        ColumnStatistics s = new ColumnStatistics(2);
        s.addDense(Double.NaN, 1);
        s.addDense(Double.NaN, 3);
        FeatureScaler scaler = FeatureScaler.fit(s, ScalingMethod.STANDARD, true);
        assertArrayEquals(new double[] {0, 2}, scaler.offsets());
        assertArrayEquals(new double[] {1, 1}, scaler.scales());
        assertTrue(FeatureScaler.fit(new ColumnStatistics(4), ScalingMethod.MINMAX, true).isIdentity());
    }

    @Test
    void parametersRoundTripThroughTheirArrays() {
        List<LabeledPoint> points = ScalingTestData.mixedScales(500, 11);
        ColumnStatistics s = ColumnStatistics.ofFeatures(points, ScalingTestData.COLUMNS);
        for (ScalingMethod method : ScalingMethod.values()) {
            for (boolean withMean : new boolean[] {true, false}) {
                FeatureScaler fitted = FeatureScaler.fit(s, method, withMean);
                FeatureScaler restored = FeatureScaler.of(fitted.offsets(), fitted.scales());
                assertEquals(fitted, restored);
                assertEquals(fitted.hashCode(), restored.hashCode());
                for (LabeledPoint p : points.subList(0, 50)) {
                    assertEquals(fitted.apply(p), restored.apply(p));
                }
            }
        }
    }

    @Test
    void theArraysAreCopiedBothWays() {
        double[] offsets = {1, 2};
        double[] scales = {3, 4};
        FeatureScaler scaler = FeatureScaler.of(offsets, scales);
        offsets[0] = 100;
        scales[0] = 100;
        scaler.offsets()[1] = 100;
        scaler.scales()[1] = 100;
        assertArrayEquals(new double[] {1, 2}, scaler.offsets());
        assertArrayEquals(new double[] {3, 4}, scaler.scales());
        assertNotEquals(scaler, FeatureScaler.of(offsets, scales));
    }

    @Test
    void invalidParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> FeatureScaler.of(new double[2], new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> FeatureScaler.of(new double[1], new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> FeatureScaler.of(new double[1], new double[] {-1}));
        assertThrows(IllegalArgumentException.class,
                () -> FeatureScaler.of(new double[1], new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class,
                () -> FeatureScaler.of(new double[1], new double[] {Double.POSITIVE_INFINITY}));
        assertThrows(IllegalArgumentException.class,
                () -> FeatureScaler.of(new double[] {Double.NaN}, new double[] {1}));
    }

    @Test
    void aFeatureBeyondTheScalerIsAnError() {
        FeatureScaler scaler = FeatureScaler.identity(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> scaler.apply(new LabeledPoint(0, new int[] {2}, new double[] {1})));
        assertTrue(e.getMessage().contains("feature index 3"), e.getMessage());
    }

    @Test
    void unscaleTargetInvertsScaleTarget() {
        List<LabeledPoint> points = ScalingTestData.mixedScales(400, 12);
        ExampleStatistics s = ExampleStatistics.of(points, ScalingTestData.COLUMNS);
        FeatureScaler target = FeatureScaler.fit(s.targets(), ScalingMethod.STANDARD, true);
        assertEquals(s.targets().mean(0), target.offsets()[0]);
        assertEquals(s.targets().std(0), target.scales()[0]);
        assertEquals(s.targets().mean(0), target.unscaleTarget(0)); // a prediction of 0 is the mean, exactly
        double scaledSum = 0;
        for (LabeledPoint p : points) {
            double scaled = target.scaleTarget(p.label());
            scaledSum += scaled;
            assertRelative(p.label(), target.unscaleTarget(scaled), 1e-13, "label " + p.label());
            assertEquals(scaled, target.applyToLabels(p).label());
            assertSame(p.indices(), target.applyToLabels(p).indices());
        }
        assertEquals(0, scaledSum / points.size(), 1e-12);
        FeatureScaler exact = FeatureScaler.of(new double[] {1000}, new double[] {256});
        assertEquals(3.5, exact.scaleTarget(1896));
        assertEquals(1896, exact.unscaleTarget(3.5));
        assertThrows(IllegalStateException.class, () -> FeatureScaler.identity(2).unscaleTarget(1));
    }

    @Test
    void matricesAreScaledAndUnscaledInPlaceRowByRow() {
        FeatureScaler scaler = FeatureScaler.fit(handMade(), ScalingMethod.STANDARD, true);
        Matrix features = Matrix.zeros(Precision.DOUBLE, 3, ROWS.length);
        for (int e = 0; e < ROWS.length; e++) {
            for (int j = 0; j < 3; j++) {
                features.set(j, e, ROWS[e][j]);
            }
        }
        Matrix original = features.copy();
        scaler.scaleInPlace(features);
        for (int e = 0; e < ROWS.length; e++) {
            double[] expected = scaler.apply(dense(ROWS[e])).values();
            for (int j = 0; j < 3; j++) {
                assertEquals(expected[j], features.get(j, e));
            }
        }
        scaler.unscaleInPlace(features);
        for (int i = 0; i < features.size(); i++) {
            assertEquals(original.get(i), features.get(i), 1e-15 * Math.max(1, Math.abs(original.get(i))));
        }
        assertThrows(ShapeException.class, () -> scaler.scaleInPlace(Matrix.zeros(Precision.DOUBLE, 2, 4)));
        assertFalse(scaler.isIdentity());
    }
}
