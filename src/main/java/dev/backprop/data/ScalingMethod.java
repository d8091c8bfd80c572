package dev.backprop.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How {@link FeatureScaler#fit} turns column statistics into a scaling {@code (x - offset) / scale}; the
 * configuration names ({@code data.scale}) are {@code standard}, {@code minmax} and {@code none}.
 */
public enum ScalingMethod {
    /**
     * {@code (x - mean) / std} with the population standard deviation; without centering ({@code withMean} false,
     * the choice for sparse input, whose zeros it keeps) {@code x / std}.
     */
    STANDARD,
    /** {@code (x - min) / (max - min)}: the training values onto [0, 1]. */
    MINMAX,
    /** The values as they are. */
    NONE;

    /** The name used in configuration, for example {@code minmax}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a configuration name, ignoring case and surrounding blanks; the error lists the allowed names. */
    public static ScalingMethod parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (ScalingMethod method : values()) {
            if (method.configName().equals(wanted)) {
                return method;
            }
        }
        throw new IllegalArgumentException("unknown scaling '" + text + "'; allowed: " + allowed());
    }

    /** The allowed configuration names, comma-separated. */
    public static String allowed() {
        return Arrays.stream(values()).map(ScalingMethod::configName).collect(Collectors.joining(", "));
    }
}
