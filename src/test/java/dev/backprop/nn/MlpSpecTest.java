package dev.backprop.nn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The immutable network description and what it refuses. */
class MlpSpecTest {

    @Test
    void ofPutsInputHiddenAndOutputSizesInOrder() {
        MlpSpec spec = MlpSpec.of(784, new int[] {128, 64}, 10, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        assertArrayEquals(new int[] {784, 128, 64, 10}, spec.layerSizes());
        assertEquals(3, spec.layers());
        assertEquals(784, spec.inputs());
        assertEquals(10, spec.outputs());
        assertEquals(128, spec.fanIn(1));
        assertEquals(64, spec.fanOut(1));
        assertEquals("784-128-64-10 relu softmax_cross_entropy", spec.toString());
    }

    @Test
    void noHiddenLayerIsOneAffineLayer() {
        MlpSpec spec = MlpSpec.of(5, new int[] {}, 1, Activation.IDENTITY, OutputLoss.IDENTITY_SQUARED_ERROR);
        assertEquals(1, spec.layers());
        assertEquals(5, spec.fanIn(0));
        assertEquals(1, spec.fanOut(0));
    }

    @Test
    void layerSizesAreCopiedInAndOut() {
        int[] sizes = {3, 4, 2};
        MlpSpec spec = new MlpSpec(sizes, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        sizes[1] = 99;
        assertEquals(4, spec.fanOut(0));
        spec.layerSizes()[1] = 77;
        assertEquals(4, spec.fanOut(0));
    }

    @Test
    void equalityIsByValue() {
        MlpSpec a = new MlpSpec(new int[] {3, 4, 2}, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        MlpSpec b = new MlpSpec(new int[] {3, 4, 2}, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new MlpSpec(new int[] {3, 5, 2}, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY));
        assertNotEquals(a, new MlpSpec(new int[] {3, 4, 2}, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY));
        assertNotEquals(a, new MlpSpec(new int[] {3, 4, 2}, Activation.TANH,
                OutputLoss.SIGMOID_BINARY_CROSS_ENTROPY));
    }

    @Test
    void needsAnInputAndAnOutputSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MlpSpec(new int[] {3}, Activation.RELU, OutputLoss.IDENTITY_SQUARED_ERROR));
        assertTrue(e.getMessage().contains("at least an input and an output") && e.getMessage().contains("[3]"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new MlpSpec(null, Activation.RELU, OutputLoss.IDENTITY_SQUARED_ERROR));
    }

    @Test
    void sizesMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MlpSpec(new int[] {3, 0, 2}, Activation.RELU, OutputLoss.IDENTITY_SQUARED_ERROR));
        assertTrue(e.getMessage().contains("[3, 0, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> MlpSpec.of(-1, new int[] {}, 2, Activation.RELU, OutputLoss.IDENTITY_SQUARED_ERROR));
    }

    @Test
    void softmaxNeedsTwoOutputs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MlpSpec.of(3, new int[] {4}, 1, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY));
        assertTrue(e.getMessage().contains("softmax_cross_entropy") && e.getMessage().contains("got 1"),
                e.getMessage());
        // One output is fine for the sigmoid and identity outputs.
        MlpSpec.of(3, new int[] {4}, 1, Activation.RELU, OutputLoss.SIGMOID_BINARY_CROSS_ENTROPY);
        MlpSpec.of(3, new int[] {4}, 1, Activation.RELU, OutputLoss.IDENTITY_SQUARED_ERROR);
    }

    @Test
    void activationAndOutputAreRequired() {
        assertThrows(NullPointerException.class,
                () -> new MlpSpec(new int[] {3, 2}, null, OutputLoss.SOFTMAX_CROSS_ENTROPY));
        assertThrows(NullPointerException.class, () -> new MlpSpec(new int[] {3, 2}, Activation.RELU, null));
    }
}
