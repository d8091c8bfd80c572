package dev.backprop.data;

import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sparse points stacked into dense column-major blocks, with their targets encoded and optional example weights. */
class BlockBuilderTest {

    private static LabeledPoint point(double label, int[] indices, double... values) {
        return new LabeledPoint(label, indices, values);
    }

    private static final List<LabeledPoint> THREE = List.of(
            point(2, new int[] {0, 3}, 1.5, -2),
            point(0, new int[] {}),
            point(1, new int[] {1, 2, 3}, 0.25, 4, 8));

    @ParameterizedTest
    @EnumSource(Precision.class)
    void featuresAreDenseColumnsOneExamplePerColumn(Precision precision) {
        Block block = new BlockBuilder(4, new TargetEncoding.OneHot(3), precision, 10).stack(THREE, "s");
        Matrix x = block.features();
        assertEquals(precision, x.precision());
        assertEquals(4, x.rows());
        assertEquals(3, x.cols());
        assertEquals(3, block.size());
        assertArrayEquals(new double[] {
                1.5, 0, 0, -2,       // example 0
                0, 0, 0, 0,          // example 1 (no features)
                0, 0.25, 4, 8},      // example 2
                x.toDoubleArray());
        assertEquals(-2, x.get(3, 0));
        assertEquals(0.25, x.get(1, 2));
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void oneHotTargetsHaveAOneInTheLabelRow(Precision precision) {
        Block block = new BlockBuilder(4, new TargetEncoding.OneHot(3), precision, 10).stack(THREE, "s");
        Matrix t = block.targets();
        assertEquals(precision, t.precision());
        assertEquals(3, t.rows());
        assertArrayEquals(new double[] {
                0, 0, 1,
                1, 0, 0,
                0, 1, 0}, t.toDoubleArray());
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void binaryTargetsAreASingleZeroOneRow(Precision precision) {
        List<LabeledPoint> points = List.of(point(1, new int[] {0}, 1), point(0, new int[] {1}, 1),
                point(1, new int[] {}));
        Block block = new BlockBuilder(2, new TargetEncoding.Binary(), precision, 10).stack(points, "s");
        assertEquals(1, block.targets().rows());
        assertArrayEquals(new double[] {1, 0, 1}, block.targets().toDoubleArray());
    }

    @Test
    void valueTargetsKeepTheLabelInDouble() {
        List<LabeledPoint> points = List.of(point(-3.25, new int[] {0}, 1), point(1e-7, new int[] {}),
                point(0.1, new int[] {}));
        Block block = new BlockBuilder(1, new TargetEncoding.Value(), Precision.DOUBLE, 10).stack(points, "s");
        assertArrayEquals(new double[] {-3.25, 1e-7, 0.1}, block.targets().toDoubleArray());
    }

    @Test
    void valueTargetsInFloatAreRoundedToFloat() {
        List<LabeledPoint> points = List.of(point(0.1, new int[] {0}, 0.3));
        Block block = new BlockBuilder(1, new TargetEncoding.Value(), Precision.FLOAT, 10).stack(points, "s");
        assertEquals((float) 0.1, block.targets().get(0));
        assertEquals((float) 0.3, block.features().get(0));
    }

    @Test
    void stackAllCutsBlocksOfBlockSizeWithAShorterLast() {
        List<LabeledPoint> points = new ArrayList<>();
        for (int j = 0; j < 7; j++) {
            points.add(point(j % 2, new int[] {j % 3}, j + 1));
        }
        List<Block> blocks = new BlockBuilder(3, new TargetEncoding.Binary(), Precision.DOUBLE, 3)
                .stackAll(points, "s");
        assertEquals(3, blocks.size());
        assertEquals(3, blocks.get(0).size());
        assertEquals(3, blocks.get(1).size());
        assertEquals(1, blocks.get(2).size());
        // Order is kept: example j (value j+1 at row j%3) is column j%3 of block j/3.
        for (int j = 0; j < 7; j++) {
            Block b = blocks.get(j / 3);
            assertEquals(j + 1, b.features().get(j % 3, j % 3), "example " + j);
            assertEquals(j % 2, b.targets().get(0, j % 3), "label of example " + j);
        }
    }

    @Test
    void stackAllWithAnExactMultipleHasNoEmptyBlockAndNoPointsNoBlocks() {
        List<LabeledPoint> points = List.of(point(0, new int[] {}), point(1, new int[] {}),
                point(0, new int[] {}), point(1, new int[] {}));
        BlockBuilder builder = new BlockBuilder(2, new TargetEncoding.Binary(), Precision.FLOAT, 2);
        List<Block> blocks = builder.stackAll(points, "s");
        assertEquals(2, blocks.size());
        assertEquals(2, blocks.get(1).size());
        assertTrue(builder.stackAll(List.of(), "s").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, 3, 1.5, Double.NaN})
    void oneHotRejectsLabelsOutsideTheClasses(double label) {
        List<LabeledPoint> points = List.of(point(0, new int[] {}), point(label, new int[] {}));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> new BlockBuilder(2, new TargetEncoding.OneHot(3), Precision.DOUBLE, 10).stack(points, "f.txt"));
        assertTrue(e.getMessage().contains("f.txt line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("label " + label), e.getMessage());
        assertTrue(e.getMessage().contains("0..2"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, 2, 0.5})
    void binaryRejectsLabelsOtherThanZeroAndOne(double label) {
        List<LabeledPoint> points = List.of(point(label, new int[] {}));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> new BlockBuilder(2, new TargetEncoding.Binary(), Precision.FLOAT, 10).stack(points, "f.txt"));
        assertTrue(e.getMessage().contains("f.txt line 1"), e.getMessage());
        assertTrue(e.getMessage().contains("0..1"), e.getMessage());
    }

    @Test
    void aBadLabelInALaterBlockIsReportedAtItsPositionInTheWholeInput() {
        List<LabeledPoint> points = new ArrayList<>();
        for (int j = 0; j < 10; j++) {
            points.add(point(j == 7 ? 5 : 1, new int[] {}));
        }
        BlockBuilder builder = new BlockBuilder(2, new TargetEncoding.OneHot(3), Precision.DOUBLE, 4);
        DataFormatException e = assertThrows(DataFormatException.class, () -> builder.stackAll(points, "f.txt"));
        assertEquals(8, e.line(), e.getMessage());
    }

    @Test
    void aFeatureIndexBeyondTheBlockWidthIsRejected() {
        List<LabeledPoint> points = List.of(point(0, new int[] {1}, 1), point(0, new int[] {5}, 1));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> new BlockBuilder(3, new TargetEncoding.Binary(), Precision.DOUBLE, 10).stack(points, "f.txt"));
        assertTrue(e.getMessage().contains("f.txt line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("feature index 6"), e.getMessage());
    }

    @Test
    void rejectsNonPositiveSizes() {
        assertThrows(IllegalArgumentException.class,
                () -> new BlockBuilder(0, new TargetEncoding.Binary(), Precision.DOUBLE, 10));
        assertThrows(IllegalArgumentException.class,
                () -> new BlockBuilder(3, new TargetEncoding.Binary(), Precision.DOUBLE, 0));
    }

    // ---- example weights ----------------------------------------------------------------------------------------

    @Test
    void withoutWeightsBlocksCarryNone() {
        Block block = new BlockBuilder(4, new TargetEncoding.OneHot(3), Precision.DOUBLE, 10).stack(THREE, "s");
        assertNull(block.weights());
        assertNull(new BlockBuilder(4, new TargetEncoding.OneHot(3), Precision.DOUBLE, 10)
                .stack(THREE, null, "s").weights());
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void rowWeightsBecomeTheBlocksWeightsInItsPrecision(Precision precision) {
        Block block = new BlockBuilder(4, new TargetEncoding.OneHot(3), precision, 10)
                .stack(THREE, new double[] {0.5, 0, 2}, "s");
        assertEquals(precision, block.weights().precision());
        assertArrayEquals(new double[] {0.5, 0, 2}, block.weights().toDoubleArray());
        assertEquals(2.5, block.totalWeight());
    }

    @Test
    void stackAllCutsTheWeightsWithTheirPoints() {
        List<LabeledPoint> points = new ArrayList<>();
        double[] weights = new double[7];
        for (int j = 0; j < 7; j++) {
            points.add(point(j % 2, new int[] {0}, j));
            weights[j] = 10 + j;
        }
        List<Block> blocks = new BlockBuilder(1, new TargetEncoding.Binary(), Precision.DOUBLE, 3)
                .stackAll(points, weights, "s");
        assertEquals(3, blocks.size());
        for (int j = 0; j < 7; j++) {
            Block b = blocks.get(j / 3);
            assertEquals(j, b.features().get(0, j % 3));
            assertEquals(10 + j, b.weights().get(j % 3), "weight of example " + j);
        }
    }

    @Test
    void weightsMustMatchThePointsInNumber() {
        BlockBuilder builder = new BlockBuilder(4, new TargetEncoding.OneHot(3), Precision.DOUBLE, 2);
        assertThrows(IllegalArgumentException.class, () -> builder.stack(THREE, new double[] {1, 1}, "s"));
        assertThrows(IllegalArgumentException.class, () -> builder.stackAll(THREE, new double[] {1, 1, 1, 1}, "s"));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.5, Double.NaN, Double.POSITIVE_INFINITY})
    void aBadWeightIsReportedAtItsPositionInTheWholeInput(double bad) {
        List<LabeledPoint> points = new ArrayList<>();
        double[] weights = new double[10];
        for (int j = 0; j < 10; j++) {
            points.add(point(1, new int[] {}));
            weights[j] = j == 6 ? bad : 1;
        }
        BlockBuilder builder = new BlockBuilder(2, new TargetEncoding.OneHot(3), Precision.DOUBLE, 4);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> builder.stackAll(points, weights, "f.txt"));
        assertEquals(7, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("weight " + bad), e.getMessage());
    }

    @Test
    void classWeightsWeighEachExampleByItsClassTimesItsRowWeight() {
        BlockBuilder builder = new BlockBuilder(4, new TargetEncoding.OneHot(3), Precision.DOUBLE, 10)
                .withClassWeights(ClassWeights.explicit(new double[] {0.5, 2, 4}));
        // Labels 2, 0, 1.
        assertArrayEquals(new double[] {4, 0.5, 2}, builder.stack(THREE, "s").weights().toDoubleArray());
        assertArrayEquals(new double[] {12, 0, 1}, builder.stack(THREE, new double[] {3, 0, 0.5}, "s")
                .weights().toDoubleArray());
        assertNull(builder.withClassWeights(null).stack(THREE, "s").weights());
    }

    @Test
    void balancedClassWeightsOnBinaryLabels() {
        List<LabeledPoint> points = List.of(point(1, new int[] {}), point(0, new int[] {}), point(0, new int[] {}),
                point(0, new int[] {}));
        // Counts 3 and 1: weights 4 / (2 * 3) and 4 / (2 * 1); each class then carries a total weight of 2.
        Block block = new BlockBuilder(1, new TargetEncoding.Binary(), Precision.DOUBLE, 10)
                .withClassWeights(ClassWeights.balanced(new long[] {3, 1})).stack(points, "s");
        assertArrayEquals(new double[] {2, 4.0 / 6, 4.0 / 6, 4.0 / 6}, block.weights().toDoubleArray());
        assertEquals(4, block.totalWeight(), 1e-15);
    }

    @Test
    void classWeightsMustFitTheEncodingsClasses() {
        BlockBuilder oneHot = new BlockBuilder(4, new TargetEncoding.OneHot(3), Precision.DOUBLE, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> oneHot.withClassWeights(ClassWeights.explicit(new double[] {1, 2})));
        assertTrue(e.getMessage().contains("2 class weights") && e.getMessage().contains("3 classes"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BlockBuilder(4, new TargetEncoding.Binary(),
                Precision.DOUBLE, 10).withClassWeights(ClassWeights.explicit(new double[] {1, 2, 3})));
        assertThrows(IllegalArgumentException.class, () -> new BlockBuilder(4, new TargetEncoding.Value(),
                Precision.DOUBLE, 10).withClassWeights(ClassWeights.explicit(new double[] {1, 2})));
    }
}
