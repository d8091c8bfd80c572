package dev.backprop.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configuration names of the scaling methods ({@code data.scale}). */
class ScalingMethodTest {

    @Test
    void configNamesAreStandardMinmaxNone() {
        assertEquals("standard", ScalingMethod.STANDARD.configName());
        assertEquals("minmax", ScalingMethod.MINMAX.configName());
        assertEquals("none", ScalingMethod.NONE.configName());
        assertEquals("standard, minmax, none", ScalingMethod.allowed());
    }

    @Test
    void parseIgnoresCaseAndBlanks() {
        for (ScalingMethod method : ScalingMethod.values()) {
            assertEquals(method, ScalingMethod.parse(method.configName()));
        }
        assertEquals(ScalingMethod.MINMAX, ScalingMethod.parse(" MinMax "));
    }

    @Test
    void anUnknownNameListsTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScalingMethod.parse("z-score"));
        assertTrue(e.getMessage().contains("'z-score'"), e.getMessage());
        assertTrue(e.getMessage().contains("standard, minmax, none"), e.getMessage());
    }
}
