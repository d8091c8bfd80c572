package dev.backprop.nn;

import dev.backprop.autodiff.Op;
import dev.backprop.autodiff.ops.Identity;
import dev.backprop.autodiff.ops.LeakyRelu;
import dev.backprop.autodiff.ops.Relu;
import dev.backprop.autodiff.ops.Sigmoid;
import dev.backprop.autodiff.ops.Tanh;


/** The activation of the hidden layers, with the initializer that suits it. */
public enum Activation {
    SIGMOID(Initializer.GLOROT),
    TANH(Initializer.GLOROT),
    RELU(Initializer.HE),
    LEAKY_RELU(Initializer.HE),
    IDENTITY(Initializer.GLOROT);

    private final Initializer initializer;

    Activation(Initializer initializer) {
        this.initializer = initializer;
    }

    /** The op that applies this activation elementwise. */
    public Op op() {
        return switch (this) {
            case SIGMOID -> new Sigmoid();
            case TANH -> new Tanh();
            case RELU -> new Relu();
            case LEAKY_RELU -> new LeakyRelu();
            case IDENTITY -> new Identity();
        };
    }

    /** He for the ReLU kinds, Glorot for sigmoid, tanh and identity. */
    public Initializer initializer() {
        return initializer;
    }

    /** The name used in configuration, for example {@code leaky_relu}. */
    public String configName() {
        return ConfigNames.of(this);
    }

    /** Parses a configuration name; the error lists the allowed names. */
    public static Activation parse(String text) {
        return ConfigNames.parse(Activation.class, text, "activation");
    }

    /** The allowed configuration names, comma-separated. */
    public static String allowed() {
        return ConfigNames.allowed(Activation.class);
    }
}
