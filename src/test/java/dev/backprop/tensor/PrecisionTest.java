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
    void bytesPerValue() {
        assertEquals(4, Precision.FLOAT.bytes());
        assertEquals(8, Precision.DOUBLE.bytes());
    }
}
