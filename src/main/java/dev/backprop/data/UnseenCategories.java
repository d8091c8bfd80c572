package dev.backprop.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a categorical cell whose value was not seen in the training data becomes (at evaluate or predict time;
 * every training category is known by construction); the configuration names are {@code error} (the default) and
 * {@code ignore}.
 */
public enum UnseenCategories {
    /**
     * An unseen category is an error, a {@link DataFormatException} naming the file, the line, the column and the
     * value, and listing the known categories.
     */
    ERROR,
    /** An unseen category sets none of the column's one-hot features: all of them are 0. */
    IGNORE;

    /** The name used in configuration, for example {@code ignore}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a configuration name, ignoring case and surrounding blanks; the error lists the allowed names. */
    public static UnseenCategories parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (UnseenCategories policy : values()) {
            if (policy.configName().equals(wanted)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown unseen-category policy '" + text + "'; allowed: " + allowed());
    }

    /** The allowed configuration names, comma-separated. */
    public static String allowed() {
        return Arrays.stream(values()).map(UnseenCategories::configName).collect(Collectors.joining(", "));
    }
}
