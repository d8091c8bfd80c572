package dev.backprop.model;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The rules for a model's training metadata: a flat map from non-empty keys to strings, booleans or finite
 * numbers. Integral numbers are kept as {@link Long} and the others as {@link Double}, which is also what a
 * round trip through {@code model.json} gives back; keys are sorted so that the file is written in a stable order.
 */
final class TrainingMetadata {

    private TrainingMetadata() {
    }

    /** An unmodifiable sorted copy with normalized values; {@link IllegalArgumentException} names a bad entry. */
    static SortedMap<String, Object> normalize(Map<String, ?> training) {
        if (training == null) {
            return Collections.emptySortedMap();
        }
        SortedMap<String, Object> copy = new TreeMap<>();
        for (Map.Entry<String, ?> e : training.entrySet()) {
            String key = e.getKey();
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException("training metadata keys must be non-empty, got '" + key + "'");
            }
            copy.put(key, normalizeValue(key, e.getValue()));
        }
        return Collections.unmodifiableSortedMap(copy);
    }

    static Object normalizeValue(String key, Object value) {
        if (value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("training metadata '" + key + "' is " + d
                        + "; JSON has no non-finite numbers (leave the key out instead)");
            }
            return d;
        }
        throw new IllegalArgumentException("training metadata '" + key + "' must be a string, a boolean or a"
                + " number (int, long, float, double), got "
                + (value == null ? "null" : value.getClass().getName()));
    }
}
