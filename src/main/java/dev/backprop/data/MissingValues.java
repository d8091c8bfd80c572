package dev.backprop.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a missing feature cell (an empty cell, or one of the declared missing-value texts such as {@code ?} or
 * {@code NA}, see {@link CsvOptions#missingTexts()}) becomes; the configuration names are {@code error} (the
 * default) and {@code mean}. A missing label is always an error.
 */
public enum MissingValues {
    /**
     * A missing cell is an error, a {@link DataFormatException} naming the file, the line and the column, raised
     * as the line is read.
     */
    ERROR,
    /**
     * A missing cell takes the training mean of its feature: for a numeric column, the mean of the column's
     * present cells in the training data; for a categorical column, the mean of each of its one-hot features,
     * that is the frequency of each category among the column's present cells.
     */
    MEAN;

    /** The name used in configuration, for example {@code mean}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a configuration name, ignoring case and surrounding blanks; the error lists the allowed names. */
    public static MissingValues parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (MissingValues policy : values()) {
            if (policy.configName().equals(wanted)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown missing-value policy '" + text + "'; allowed: " + allowed());
    }

    /** The allowed configuration names, comma-separated. */
    public static String allowed() {
        return Arrays.stream(values()).map(MissingValues::configName).collect(Collectors.joining(", "));
    }
}
