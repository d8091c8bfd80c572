package dev.backprop.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Command-line arguments of the form {@code key=value}, checked against the keys a job allows. Each key may appear
 * at most once; the value is everything after the first {@code =}. Every error is a {@link UsageException} that
 * names the offending argument or key and lists the allowed keys.
 */
public final class KeyValueArgs {

    /** A decimal number as people type it: no hexadecimal, no {@code NaN} or {@code Infinity}, no type suffix. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final List<String> allowedKeys;
    private final Map<String, String> values;

    private KeyValueArgs(List<String> allowedKeys, Map<String, String> values) {
        this.allowedKeys = allowedKeys;
        this.values = values;
    }

    /** Parses {@code args}; throws {@link UsageException} on a word that is not {@code key=value}, or on an unknown or repeated key. */
    public static KeyValueArgs parse(String[] args, List<String> allowedKeys) {
        List<String> allowed = List.copyOf(allowedKeys);
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("argument '" + arg + "' is not key=value; allowed keys: "
                        + String.join(", ", allowed));
            }
            String key = arg.substring(0, eq);
            if (!allowed.contains(key)) {
                throw new UsageException("unknown key '" + key + "' in argument '" + arg + "'; allowed keys: "
                        + String.join(", ", allowed));
            }
            if (values.putIfAbsent(key, arg.substring(eq + 1)) != null) {
                throw new UsageException("key '" + key + "' is given twice ('" + key + "=" + values.get(key)
                        + "' and '" + arg + "'); give it once");
            }
        }
        return new KeyValueArgs(allowed, Collections.unmodifiableMap(values));
    }

    /** The keys this job allows, in the order given to {@link #parse}. */
    public List<String> allowedKeys() {
        return allowedKeys;
    }

    /** The keys given and their values, in command-line order. */
    public Map<String, String> given() {
        return values;
    }

    public boolean has(String key) {
        return values.containsKey(requireAllowed(key));
    }

    /** The value of {@code key}, or {@code defaultValue} when it was not given. */
    public String string(String key, String defaultValue) {
        return values.getOrDefault(requireAllowed(key), defaultValue);
    }

    /**
     * The value of {@code key} as a finite decimal number, or {@code defaultValue} when it was not given. Throws
     * {@link UsageException} naming the key when the value is not a decimal number or overflows a double.
     */
    public double finiteDouble(String key, double defaultValue) {
        String text = values.get(requireAllowed(key));
        if (text == null) {
            return defaultValue;
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new UsageException("key '" + key + "': '" + text + "' is not a number; give a finite decimal"
                    + " number such as " + key + "=0.5 or " + key + "=-1e-3");
        }
        double value = Double.parseDouble(text);
        if (!Double.isFinite(value)) {
            throw new UsageException("key '" + key + "': '" + text + "' is out of the range of a double"
                    + " (about +-1.8e308)");
        }
        return value;
    }

    private String requireAllowed(String key) {
        if (!allowedKeys.contains(key)) {
            throw new IllegalArgumentException("key '" + key + "' is not among the allowed keys " + allowedKeys);
        }
        return key;
    }
}
