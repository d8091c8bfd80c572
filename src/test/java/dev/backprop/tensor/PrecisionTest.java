package dev.backprop.tensor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrecisionTest {

    @Test
    void parsesTheAllowedNamesCaseInsensitively() {
        assertEquals(Precision.FLOAT, Precision.parse("float"));
        assertEquals(Precision.FLOAT, Precision.parse("float32"));
        assertEquals(Precision.FLOAT, Precision.parse("FLOAT"));
        assertEquals(Precision.DOUBLE, Precision.parse("double"));
        assertEquals(Precision.DOUBLE, Precision.parse("float64"));
        assertEquals(Precision.DOUBLE, Precision.parse(" Float64 "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"half", "fp32", "float16", "single", "", "doubles"})
    void rejectsOtherNamesListingTheAllowedOnes(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Precision.parse(text));
        String message = e.getMessage();
        assertTrue(message.contains("'" + text + "'"), message);
        for (String allowed : new String[]{"float", "float32", "double", "float64"}) {
            assertTrue(message.contains(allowed), message);
        }
    }

    @Test
    void roundsAsAMatrixOfThePrecisionStores() {
        assertEquals(0.1, Precision.DOUBLE.round(0.1));
        assertEquals((double) 0.1f, Precision.FLOAT.round(0.1));
        assertEquals(Precision.FLOAT.round(1.00000001), Precision.FLOAT.round(1.00000002));
        Matrix stored = Matrix.zeros(Precision.FLOAT, 1, 1);
        stored.set(0, 16777217.0);
        assertEquals(stored.get(0), Precision.FLOAT.round(16777217.0));
    }

    @Test
    void bytesPerValue() {
        assertEquals(4, Precision.FLOAT.bytes());
        assertEquals(8, Precision.DOUBLE.bytes());
    }
}
