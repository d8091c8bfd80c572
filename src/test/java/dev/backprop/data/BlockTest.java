package dev.backprop.data;

import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import dev.backprop.tensor.ShapeException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A block pairs features and targets column by column; slices are views. */
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
}
