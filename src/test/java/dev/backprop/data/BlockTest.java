package dev.backprop.data;

import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import dev.backprop.tensor.ShapeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A block pairs features, targets and optional example weights column by column; slices are views. */
class BlockTest {

    private static Block block() {
        Matrix x = Matrix.of(Precision.DOUBLE, 2, 4, 1, 2, 3, 4, 5, 6, 7, 8);
        Matrix t = Matrix.of(Precision.DOUBLE, 1, 4, 10, 20, 30, 40);
        return new Block(x, t);
    }

    @Test
    void sliceSelectsColumnsOfFeaturesAndTargets() {
        Block slice = block().slice(1, 3);
        assertEquals(2, slice.size());
        assertArrayEquals(new double[] {3, 4, 5, 6}, slice.features().toDoubleArray());
        assertArrayEquals(new double[] {20, 30}, slice.targets().toDoubleArray());
    }

    @Test
    void sliceIsAViewSharingStorageBothWays() {
        Block whole = block();
        Block slice = whole.slice(2, 4);
        slice.features().set(1, 0, -6);
        slice.targets().set(0, 1, -40);
        assertEquals(-6, whole.features().get(1, 2));
        assertEquals(-40, whole.targets().get(0, 3));
        whole.features().set(0, 3, 99);
        assertEquals(99, slice.features().get(0, 1));
    }

    @Test
    void emptySliceAndFullSlice() {
        assertEquals(0, block().slice(2, 2).size());
        assertEquals(4, block().slice(0, 4).size());
        assertThrows(ShapeException.class, () -> block().slice(3, 5));
    }

    @Test
    void rejectsDifferentExampleCountsNamingBothShapes() {
        Matrix x = Matrix.zeros(Precision.DOUBLE, 2, 4);
        Matrix t = Matrix.zeros(Precision.DOUBLE, 1, 3);
        ShapeException e = assertThrows(ShapeException.class, () -> new Block(x, t));
        assertTrue(e.getMessage().contains("2x4") && e.getMessage().contains("1x3"), e.getMessage());
    }

    @Test
    void rejectsMixedPrecisions() {
        Matrix x = Matrix.zeros(Precision.DOUBLE, 2, 4);
        Matrix t = Matrix.zeros(Precision.FLOAT, 1, 4);
        assertThrows(IllegalArgumentException.class, () -> new Block(x, t));
    }

    // ---- example weights ----------------------------------------------------------------------------------------

    private static Block weighted() {
        return block().withWeights(Matrix.of(Precision.DOUBLE, 1, 4, 0.5, 2, 0, 1.25));
    }

    @Test
    void withoutWeightsEveryExampleWeighsOne() {
        Block b = block();
        assertFalse(b.weighted());
        assertNull(b.weights());
        assertEquals(4.0, b.totalWeight());
        assertNull(b.slice(1, 3).weights());
        assertEquals(2.0, b.slice(1, 3).totalWeight());
    }

    @Test
    void sliceKeepsTheWeightsOfItsExamplesAsViews() {
        Block whole = weighted();
        assertTrue(whole.weighted());
        assertEquals(3.75, whole.totalWeight());
        Block slice = whole.slice(1, 3);
        assertArrayEquals(new double[] {2, 0}, slice.weights().toDoubleArray());
        assertEquals(2.0, slice.totalWeight());
        slice.weights().set(0, 7);
        assertEquals(7, whole.weights().get(1), "a view, not a copy");
        assertEquals(0, whole.slice(2, 2).weights().size());
    }

    @Test
    void rejectsWeightsOfTheWrongShapeNamingBothShapes() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> block().withWeights(Matrix.zeros(Precision.DOUBLE, 1, 3)));
        assertTrue(e.getMessage().contains("1x3") && e.getMessage().contains("2x4"), e.getMessage());
        assertThrows(ShapeException.class, () -> block().withWeights(Matrix.zeros(Precision.DOUBLE, 4, 1)));
        assertThrows(ShapeException.class, () -> block().withWeights(Matrix.zeros(Precision.DOUBLE, 2, 4)));
    }

    @Test
    void rejectsWeightsOfAnotherPrecision() {
        assertThrows(IllegalArgumentException.class, () -> block().withWeights(Matrix.zeros(Precision.FLOAT, 1, 4)));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, -1e-300, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void rejectsNegativeOrNonFiniteWeightsNamingTheExample(double bad) {
        Matrix w = Matrix.of(Precision.DOUBLE, 1, 4, 1, 1, bad, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> block().withWeights(w));
        assertTrue(e.getMessage().contains("example 3") && e.getMessage().contains(String.valueOf(bad)),
                e.getMessage());
    }
}
