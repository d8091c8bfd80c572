package dev.backprop.data;

import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Examples of a regression with several targets: a point holds one label per target, which the value encoding
 * stacks as one target row each, the statistics count as one target column each, and a target scaler scales column
 * by column; class encodings refuse such points.
 */
class SeveralTargetsTest {

    private static final int[] TWO_FEATURES = {0, 1};

    private static LabeledPoint point(double y1, double y2, double x0, double x1) {
        return new LabeledPoint(new double[] {y1, y2}, TWO_FEATURES, new double[] {x0, x1}, 1);
    }

    @Test
    void aPointHoldsItsLabelsInOrderAndHasNoSingleLabel() {
        LabeledPoint p = point(3, -40, 1, 2);
        assertEquals(2, p.numLabels());
        assertArrayEquals(new double[] {3, -40}, p.labels());
        IllegalStateException e = assertThrows(IllegalStateException.class, p::label);
        assertTrue(e.getMessage().contains("2 labels"), e.getMessage());
        assertEquals(point(3, -40, 1, 2), p);
        assertNotEquals(point(-40, 3, 1, 2), p, "the order of the labels matters");
        assertEquals(p.hashCode(), point(3, -40, 1, 2).hashCode());
        assertArrayEquals(new double[] {5, 6}, p.withLabels(new double[] {5, 6}).labels());
        assertEquals(7, p.withLabel(7).label());
        assertThrows(IllegalArgumentException.class, () -> new LabeledPoint(new double[0], TWO_FEATURES,
                new double[] {1, 2}, 1));
    }

    @Test
    void aSingleLabelIsOneLabel() {
        LabeledPoint p = new LabeledPoint(2.5, new int[] {1}, new double[] {4});
        assertEquals(1, p.numLabels());
        assertEquals(2.5, p.label());
        assertEquals(new LabeledPoint(new double[] {2.5}, new int[] {1}, new double[] {4}, 1), p);
    }

    @Test
    void theValueEncodingStacksOneRowPerTarget() {
        List<LabeledPoint> points = List.of(point(1, 10, 0.5, 0), point(2, 20, 0, 0.5), point(3, 30, 1, 1));
        for (Precision precision : Precision.values()) {
            Block block = new BlockBuilder(2, new TargetEncoding.Value(2), precision, 10).stack(points, "s");
            Matrix t = block.targets();
            assertEquals(2, t.rows());
            assertEquals(3, t.cols());
            for (int j = 0; j < 3; j++) {
                assertEquals(j + 1, t.get(0, j));
                assertEquals(10 * (j + 1), t.get(1, j));
            }
            assertNull(block.weights());
        }
    }

    @Test
    void rowWeightsGoWithSeveralTargets() {
        List<LabeledPoint> points = List.of(
                new LabeledPoint(new double[] {1, 2}, TWO_FEATURES, new double[] {0, 1}, 2.5),
                new LabeledPoint(new double[] {3, 4}, TWO_FEATURES, new double[] {1, 0}, 0));
        Block block = new BlockBuilder(2, new TargetEncoding.Value(2), Precision.DOUBLE, 10).stack(points, "s");
        assertArrayEquals(new double[] {2.5, 0}, block.weights().toDoubleArray());
        assertArrayEquals(new double[] {1, 2, 3, 4}, block.targets().toDoubleArray());
    }

    @Test
    void theWrongNumberOfTargetsIsAnErrorNamingSourceAndLine() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> new BlockBuilder(2,
                new TargetEncoding.Value(2), Precision.DOUBLE, 10).stack(List.of(point(1, 2, 0, 0),
                new LabeledPoint(5, TWO_FEATURES, new double[] {0, 0})), "f.csv"));
        assertEquals("f.csv line 2: 1 target where 2 were expected", e.getMessage());
        e = assertThrows(DataFormatException.class,
                () -> new TargetEncoding.Value(2).check(new double[] {1, Double.NaN}, "f.csv", 9));
        assertEquals("f.csv line 9: target NaN is not a finite number", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TargetEncoding.Value(0));
        assertEquals(1, new TargetEncoding.Value().width());
    }

    @Test
    void classEncodingsRefuseSeveralLabels() {
        for (TargetEncoding encoding : List.of(new TargetEncoding.OneHot(3), new TargetEncoding.Binary())) {
            DataFormatException e = assertThrows(DataFormatException.class,
                    () -> encoding.check(new double[] {0, 1}, "f.csv", 4));
            assertEquals("f.csv line 4: 2 labels where one class label was expected", e.getMessage());
        }
    }

    @Test
    void statisticsHaveOneTargetColumnPerLabel() {
        List<LabeledPoint> points = List.of(point(1, 100, 0, 1), point(3, 300, 1, 0), point(5, 200, 2, 2));
        ExampleStatistics s = ExampleStatistics.of(points, 2, 2);
        assertEquals(2, s.targets().columns());
        assertEquals(3, s.targets().mean(0), 1e-12);
        assertEquals(200, s.targets().mean(1), 1e-12);
        assertEquals(Math.sqrt(8.0 / 3), s.targets().std(0), 1e-12);
        assertEquals(Math.sqrt(20000.0 / 3), s.targets().std(1), 1e-9);

        ExampleStatistics merged = ExampleStatistics.of(points.subList(0, 1), 2, 2)
                .merge(ExampleStatistics.of(points.subList(1, 3), 2, 2));
        assertEquals(s.targets().mean(1), merged.targets().mean(1), 1e-12);
        assertEquals(s.targets().m2(1), merged.targets().m2(1), 1e-9);

        ExampleStatistics one = new ExampleStatistics(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> one.add(points.get(0)));
        assertTrue(e.getMessage().contains("2 labels, but the statistics have 1 target columns"), e.getMessage());
        assertEquals(0, one.rows(), "a refused example is not counted");
    }

    @Test
    void aTargetScalerScalesEachLabelByItsColumn() {
        FeatureScaler target = FeatureScaler.of(new double[] {3, 200}, new double[] {2, 100});
        LabeledPoint scaled = target.applyToLabels(point(5, 100, 7, 8));
        assertArrayEquals(new double[] {1, -1}, scaled.labels());
        assertArrayEquals(new double[] {7, 8}, scaled.values(), "the features are unchanged");
        assertEquals(5, target.unscale(0, 1));
        assertEquals(100, target.unscale(1, -1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> target.applyToLabels(new LabeledPoint(1, TWO_FEATURES, new double[] {0, 0})));
        assertEquals("a target scaler of 2 columns cannot scale the 1 labels of an example", e.getMessage());
    }

    @Test
    void preprocessingNamesItsTargetsAndScalesEachOne() {
        TableSchema.State table = new TableSchema.State(List.of("y1", "y2"), List.of(), List.of("x0", "x1"),
                List.of(false, false), List.of(List.of(), List.of()), List.of(0.5, 1.5));
        FeatureScaler target = FeatureScaler.of(new double[] {3, 200}, new double[] {2, 100});
        Preprocessing p = new Preprocessing(List.of(), table, null, target);
        assertEquals(2, p.numLabels());
        assertEquals("y1", p.targetName(0));
        assertEquals("y2", p.targetName(1));
        assertEquals(List.of("y1", "y2"), p.schema().labelColumns());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Preprocessing(List.of(), table, null, FeatureScaler.identity(1)));
        assertTrue(e.getMessage().contains("a target scaler of 1 columns for 2 label columns [y1, y2]"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Preprocessing(List.of(), null, null, target),
                "without a table there is one target");
        assertEquals(1, Preprocessing.NONE.numLabels());
        assertEquals("0", Preprocessing.NONE.targetName(0));
    }
}
