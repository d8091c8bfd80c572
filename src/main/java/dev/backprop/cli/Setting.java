package dev.backprop.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One configuration key: its name, default, what values it allows (said in every error) and how to read them.
 *
 * @param name    the key, for example {@code train.epochs}
 * @param initial the default value as text
 * @param allowed the allowed values in words, for error messages
 * @param check   parses and validates the text, throwing {@link IllegalArgumentException} when it is not allowed
 */
public record Setting(String name, String initial, String allowed, Function<String, Object> check) {

    /** A text value, anything allowed (an empty value allowed when {@code optional}). */
    public static Setting text(String name, String initial, boolean optional) {
        return new Setting(name, initial, optional ? "any text, or empty for none" : "any non-empty text", v -> {
            if (!optional && v.isBlank()) {
                throw new IllegalArgumentException("empty");
            }
            return v.trim();
        });
    }

    /** An integer at least {@code min}. */
    public static Setting integer(String name, String initial, int min) {
        return new Setting(name, initial, "an integer >= " + min, v -> {
            int i = Integer.parseInt(v.trim());
            if (i < min) {
                throw new IllegalArgumentException("below " + min);
            }
            return i;
        });
    }

    /** A finite number at least {@code min} (above it when {@code strict}). */
    public static Setting number(String name, String initial, double min, boolean strict) {
        return new Setting(name, initial, "a number " + (strict ? "> " : ">= ") + min, v -> {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d) || d < min || (strict && d == min)) {
                throw new IllegalArgumentException("out of range");
            }
            return d;
        });
    }

    /** {@code true} or {@code false}. */
    public static Setting flag(String name, String initial) {
        return new Setting(name, initial, "true or false", v -> {
            String s = v.trim().toLowerCase(Locale.ROOT);
            if (!s.equals("true") && !s.equals("false")) {
                throw new IllegalArgumentException("not a boolean");
            }
            return Boolean.parseBoolean(s);
        });
    }

    /** One of {@code choices}, case-insensitive. */
    public static Setting choice(String name, String initial, List<String> choices) {
        return new Setting(name, initial, "one of " + String.join(", ", choices), v -> {
            String s = v.trim().toLowerCase(Locale.ROOT);
            if (!choices.contains(s)) {
                throw new IllegalArgumentException("not a choice");
            }
            return s;
        });
    }

    /** Comma-separated positive integers, or empty for none. */
    public static Setting sizes(String name, String initial) {
        return new Setting(name, initial, "comma-separated positive integers such as 128,64, or empty for none",
                v -> {
                    if (v.isBlank()) {
                        return new int[0];
                    }
                    int[] sizes = Arrays.stream(v.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
                    if (Arrays.stream(sizes).anyMatch(s -> s < 1)) {
                        throw new IllegalArgumentException("not positive");
                    }
                    return sizes;
                });
    }

    /** The parsed value of {@code text}, or a {@link UsageException} naming the key and the allowed values. */
    public Object parse(String text, String origin) {
        try {
            return check.apply(text);
        } catch (RuntimeException e) {
            throw new UsageException(origin + ": " + name + "=" + text + " is not allowed; " + name + " takes "
                    + allowed);
        }
    }
}
