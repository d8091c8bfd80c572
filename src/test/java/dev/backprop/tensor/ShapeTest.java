package dev.backprop.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShapeTest {

    @Test
    void printsAsRowsByColumns() {
        assertEquals("3x4", Shape.of(3, 4).toString());
        assertEquals(12, Shape.of(3, 4).size());
    }

    @Test
    void requireSameNamesBothShapes() {
        assertDoesNotThrow(() -> Shape.of(2, 5).requireSame(Shape.of(2, 5), "add"));
        ShapeException e = assertThrows(ShapeException.class,
                () -> Shape.of(3, 4).requireSame(Shape.of(5, 2), "add"));
        assertTrue(e.getMessage().contains("add") && e.getMessage().contains("3x4")
                && e.getMessage().contains("5x2"), e.getMessage());
    }

    @Test
    void rejectsNegativeDimensionsAndOverflow() {
        assertThrows(IllegalArgumentException.class, () -> Shape.of(-1, 2));
        assertThrows(ArithmeticException.class, () -> Shape.of(1 << 16, 1 << 16).size());
    }
}
