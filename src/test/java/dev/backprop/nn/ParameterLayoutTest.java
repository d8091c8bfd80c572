package dev.backprop.nn;

import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where each layer's weights and bias sit in the flat vector. */
class ParameterLayoutTest {

    private static final MlpSpec SPEC_3_4_2 =
            new MlpSpec(new int[] {3, 4, 2}, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY);

    @Test
    void offsetsAndSizeOfA342Network() {
        ParameterLayout layout = new ParameterLayout(SPEC_3_4_2);
        assertEquals(0, layout.weightOffset(0));   // W1 4x3
        assertEquals(12, layout.biasOffset(0));    // b1 4
        assertEquals(16, layout.weightOffset(1));  // W2 2x4
        assertEquals(24, layout.biasOffset(1));    // b2 2
        assertEquals(26, layout.size());
        assertEquals(SPEC_3_4_2, layout.spec());
    }

    @Test
    void offsetsOfADeeperNetworkFollowEachOther() {
        // 5-3-4-1: W1 3x5 (15), b1 3, W2 4x3 (12), b2 4, W3 1x4 (4), b3 1 -> 39
        ParameterLayout layout = new ParameterLayout(
                new MlpSpec(new int[] {5, 3, 4, 1}, Activation.TANH, OutputLoss.IDENTITY_SQUARED_ERROR));
        assertArrayEquals(new int[] {0, 18, 34},
                new int[] {layout.weightOffset(0), layout.weightOffset(1), layout.weightOffset(2)});
        assertArrayEquals(new int[] {15, 30, 38},
                new int[] {layout.biasOffset(0), layout.biasOffset(1), layout.biasOffset(2)});
        assertEquals(39, layout.size());
    }

    @Test
    void regularizationMaskCoversWeightsOnly() {
        Matrix mask = new ParameterLayout(SPEC_3_4_2).regularizationMask(Precision.DOUBLE, false);
        assertEquals(26, mask.rows());
        assertEquals(1, mask.cols());
        for (int i = 0; i < 26; i++) {
            double expected = (i < 12 || (i >= 16 && i < 24)) ? 1 : 0;
            assertEquals(expected, mask.get(i), "mask entry " + i);
        }
    }

    @Test
    void regularizationMaskCoversWeightsAndBiasesWhenAsked() {
        Matrix mask = new ParameterLayout(SPEC_3_4_2).regularizationMask(Precision.FLOAT, true);
        assertEquals(Precision.FLOAT, mask.precision());
        for (int i = 0; i < 26; i++) {
            assertEquals(1, mask.get(i), "mask entry " + i);
        }
    }

    @Test
    void tooManyParametersAreRefused() {
        MlpSpec huge = new MlpSpec(new int[] {50_000, 50_000}, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new ParameterLayout(huge));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("2^31"), e.getMessage());
    }
}
