package dev.backprop.nn;

import dev.backprop.autodiff.ops.Identity;
import dev.backprop.autodiff.ops.LeakyRelu;
import dev.backprop.autodiff.ops.Relu;
import dev.backprop.autodiff.ops.Sigmoid;
import dev.backprop.autodiff.ops.Tanh;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configuration names of activations and the initializer each one takes. */
class ActivationTest {

    @ParameterizedTest
    @EnumSource(Activation.class)
    void parsesItsOwnConfigName(Activation a) {
        assertEquals(a, Activation.parse(a.configName()));
        assertEquals(a, Activation.parse(" " + a.configName().toUpperCase() + "\t"));
    }

    @Test
    void configNamesAreLowerCaseWithUnderscores() {
        assertEquals("leaky_relu", Activation.LEAKY_RELU.configName());
        assertEquals(Activation.LEAKY_RELU, Activation.parse("leaky_relu"));
        assertEquals(Activation.SIGMOID, Activation.parse("Sigmoid"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"swish", "", "leaky-relu", "relu6"})
    void unknownNamesAreRefusedListingTheAllowedOnes(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activation.parse(name));
        assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
        for (Activation a : Activation.values()) {
            assertTrue(e.getMessage().contains(a.configName()), e.getMessage());
        }
    }

    @Test
    void allowedListsEveryName() {
        assertEquals("sigmoid, tanh, relu, leaky_relu, identity", Activation.allowed());
    }

    @Test
    void reluKindsUseHeAndTheOthersGlorot() {
        assertEquals(Initializer.HE, Activation.RELU.initializer());
        assertEquals(Initializer.HE, Activation.LEAKY_RELU.initializer());
        assertEquals(Initializer.GLOROT, Activation.SIGMOID.initializer());
        assertEquals(Initializer.GLOROT, Activation.TANH.initializer());
        assertEquals(Initializer.GLOROT, Activation.IDENTITY.initializer());
    }

    @Test
    void eachActivationAppliesItsOwnOp() {
        assertEquals(Sigmoid.class, Activation.SIGMOID.op().getClass());
        assertEquals(Tanh.class, Activation.TANH.op().getClass());
        assertEquals(Relu.class, Activation.RELU.op().getClass());
        assertEquals(LeakyRelu.class, Activation.LEAKY_RELU.op().getClass());
        assertEquals(Identity.class, Activation.IDENTITY.op().getClass());
    }
}
