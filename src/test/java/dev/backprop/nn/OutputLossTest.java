package dev.backprop.nn;

import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configuration names of output/loss pairings and what their outputs look like. */
class OutputLossTest {

    @ParameterizedTest
    @EnumSource(OutputLoss.class)
    void parsesItsOwnConfigName(OutputLoss o) {
        assertEquals(o, OutputLoss.parse(o.configName()));
        assertEquals(o, OutputLoss.parse("  " + o.configName().toUpperCase()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"softmax", "cross_entropy", "mse", ""})
    void unknownNamesAreRefusedListingTheAllowedOnes(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputLoss.parse(name));
        assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
        for (OutputLoss o : OutputLoss.values()) {
            assertTrue(e.getMessage().contains(o.configName()), e.getMessage());
        }
    }

    @Test
    void allowedListsEveryName() {
        assertEquals("softmax_cross_entropy, sigmoid_binary_cross_entropy, identity_squared_error, "
                + "sigmoid_squared_error", OutputLoss.allowed());
    }

    @Test
    void classificationPairings() {
        assertTrue(OutputLoss.SOFTMAX_CROSS_ENTROPY.isClassification());
        assertTrue(OutputLoss.SIGMOID_BINARY_CROSS_ENTROPY.isClassification());
        assertFalse(OutputLoss.IDENTITY_SQUARED_ERROR.isClassification());
        assertFalse(OutputLoss.SIGMOID_SQUARED_ERROR.isClassification());
    }

    @Test
    void predictTurnsLogitsIntoOutputs() {
        Matrix z = Matrix.of(Precision.DOUBLE, 2, 2, 0, Math.log(3), 1000, -1000);
        Matrix out = Matrix.zeros(Precision.DOUBLE, 2, 2);

        OutputLoss.SOFTMAX_CROSS_ENTROPY.predict(z, out);
        assertArrayEquals(new double[] {0.25, 0.75, 1, 0}, out.toDoubleArray(), 1e-15);

        OutputLoss.SIGMOID_BINARY_CROSS_ENTROPY.predict(z, out);
        assertArrayEquals(new double[] {0.5, 0.75, 1, 0}, out.toDoubleArray(), 1e-15);
        OutputLoss.SIGMOID_SQUARED_ERROR.predict(z, out);
        assertArrayEquals(new double[] {0.5, 0.75, 1, 0}, out.toDoubleArray(), 1e-15);

        OutputLoss.IDENTITY_SQUARED_ERROR.predict(z, out);
        assertArrayEquals(z.toDoubleArray(), out.toDoubleArray());
    }

    @Test
    void predictedClassIsTheLargestLogitOrAPositiveSingleLogit() {
        for (Precision precision : Precision.values()) {
            Matrix z = Matrix.of(precision, 3, 4,
                    0.1, 2, -1,      // class 1
                    -5, -6, -4,      // class 2 (all negative)
                    3, 3, 1,         // a tie goes to the first
                    -1, 0, 7);       // class 2
            assertEquals(1, OutputLoss.predictedClass(z, 0), precision.name());
            assertEquals(2, OutputLoss.predictedClass(z, 1), precision.name());
            assertEquals(0, OutputLoss.predictedClass(z, 2), precision.name());
            assertEquals(2, OutputLoss.predictedClass(z, 3), precision.name());
            // A view from the second column on: its columns start at an offset into the array.
            Matrix view = z.columns(1, 4);
            assertEquals(2, OutputLoss.predictedClass(view, 0), precision.name());
            assertEquals(0, OutputLoss.predictedClass(view, 1), precision.name());
            assertEquals(2, OutputLoss.predictedClass(view, 2), precision.name());
        }
        // One output: the logit 0 is the probability 0.5, which counts as class 1.
        Matrix single = Matrix.of(Precision.FLOAT, 1, 4, -0.01, 0, 0.3, -7);
        assertArrayEquals(new int[] {0, 1, 1, 0}, new int[] {OutputLoss.predictedClass(single, 0),
                OutputLoss.predictedClass(single, 1), OutputLoss.predictedClass(single, 2),
                OutputLoss.predictedClass(single, 3)});
    }

    @Test
    void targetClassIsTheOneHotRowOrASingleValueAtLeastOneHalf() {
        for (Precision precision : Precision.values()) {
            Matrix oneHot = Matrix.of(precision, 3, 2, 0, 0, 1, 0, 1, 0);
            assertEquals(2, OutputLoss.targetClass(oneHot, 0), precision.name());
            assertEquals(1, OutputLoss.targetClass(oneHot, 1), precision.name());
            Matrix probabilities = Matrix.of(precision, 1, 4, 0.49, 0.5, 0.9, 0);
            assertArrayEquals(new int[] {0, 1, 1, 0}, new int[] {OutputLoss.targetClass(probabilities, 0),
                    OutputLoss.targetClass(probabilities, 1), OutputLoss.targetClass(probabilities, 2),
                    OutputLoss.targetClass(probabilities, 3)}, precision.name());
        }
    }
}
