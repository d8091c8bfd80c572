package dev.backprop.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One JSON object on one line, keys kept in the order they are added: the last line every job prints (DESIGN.md
 * section 6). Values are numbers, strings, booleans, and, one level deep, objects of numbers (per-target metrics)
 * and arrays of strings. Numbers are written at full precision ({@link Double#toString}, which reads back to the
 * same double) and must be finite, since JSON has no NaN or infinity; strings are escaped so that the line stays a
 * single line of valid JSON whatever they hold. A key may be added only once, and once within an object.
 */
public final class JsonLine {

    private final StringBuilder text = new StringBuilder("{");
    private final List<String> keys = new ArrayList<>();

    /** Adds a finite number; throws {@link IllegalArgumentException} naming the key for NaN or an infinity. */
    public JsonLine add(String key, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("JSON key '" + key + "': " + value
                    + " is not a finite number and has no JSON form");
        }
        return raw(key, Double.toString(value));
    }

    public JsonLine add(String key, long value) {
        return raw(key, Long.toString(value));
    }

    public JsonLine add(String key, boolean value) {
        return raw(key, Boolean.toString(value));
    }

    /** Adds a string, or JSON {@code null} when {@code value} is null. */
    public JsonLine add(String key, String value) {
        return raw(key, value == null ? "null" : quote(value));
    }

    /**
     * Adds an object of finite numbers, its keys in {@code values}' iteration order; throws
     * {@link IllegalArgumentException} naming the key for NaN or an infinity.
     */
    public JsonLine add(String key, Map<String, Double> values) {
        StringBuilder object = new StringBuilder("{");
        for (Map.Entry<String, Double> e : values.entrySet()) {
            double value = e.getValue();
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("JSON key '" + key + "." + e.getKey() + "': " + value
                        + " is not a finite number and has no JSON form");
            }
            object.append(object.length() > 1 ? "," : "").append(quote(e.getKey())).append(':')
                    .append(Double.toString(value));
        }
        return raw(key, object.append('}').toString());
    }

    /** Adds an array of strings. */
    public JsonLine add(String key, List<String> values) {
        StringBuilder array = new StringBuilder("[");
        for (String v : values) {
            array.append(array.length() > 1 ? "," : "").append(quote(v));
        }
        return raw(key, array.append(']').toString());
    }

    /** The keys added so far, in order. */
    public List<String> keys() {
        return Collections.unmodifiableList(keys);
    }

    /** The object, without a line terminator. */
    @Override
    public String toString() {
        return text + "}";
    }

    /** {@code value} as a JSON string literal, quotes included. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029'
                            || (Character.isSurrogate(c) && !isPairedSurrogate(value, i))) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static boolean isPairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private JsonLine raw(String key, String json) {
        if (key == null || keys.contains(key)) {
            throw new IllegalArgumentException("JSON key '" + key + "' is null or already present in " + keys);
        }
        if (!keys.isEmpty()) {
            text.append(',');
        }
        keys.add(key);
        text.append(quote(key)).append(':').append(json);
        return this;
    }
}
