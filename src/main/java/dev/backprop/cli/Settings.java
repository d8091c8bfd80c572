package dev.backprop.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * A job's configuration: the defaults of its {@link Setting}s, overridden by a properties file, overridden by
 * {@code key=value} arguments. Unknown keys and bad values are refused with a {@link UsageException} that lists
 * the allowed keys or values.
 */
public final class Settings {

    private final Map<String, Setting> known = new LinkedHashMap<>();
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, String> texts = new LinkedHashMap<>();
    private final Map<String, String> origins = new LinkedHashMap<>();

    public Settings(List<Setting> settings) {
        for (Setting s : settings) {
            known.put(s.name(), s);
            set(s.name(), s.initial(), "default");
        }
    }

    /** Applies the keys of a properties file; errors name the file. */
    public Settings applyFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UsageException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        for (String key : properties.stringPropertyNames().stream().sorted().toList()) {
            set(key, properties.getProperty(key), file.toString());
        }
        return this;
    }

    /** Applies {@code key=value} words. */
    public Settings applyArguments(List<String> arguments) {
        for (String arg : arguments) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("argument '" + arg + "' is not key=value; allowed keys: " + keys());
            }
            set(arg.substring(0, eq).trim(), arg.substring(eq + 1), "command line");
        }
        return this;
    }

    private void set(String key, String text, String origin) {
        Setting setting = known.get(key);
        if (setting == null) {
            throw new UsageException(origin + ": unknown key '" + key + "'; allowed keys: " + keys());
        }
        values.put(key, setting.parse(text, origin));
        texts.put(key, text.trim());
        origins.put(key, origin);
    }

    /** Whether {@code key} has its default value, given neither by a file nor on the command line. */
    public boolean isDefault(String key) {
        return "default".equals(origins.get(key));
    }

    /** Whether {@code key} was given on the command line (rather than by a file or the default). */
    public boolean fromCommandLine(String key) {
        return "command line".equals(origins.get(key));
    }

    /** The allowed keys, comma-separated. */
    public String keys() {
        return String.join(", ", known.keySet());
    }

    private Object value(String key) {
        if (!known.containsKey(key)) {
            throw new IllegalArgumentException("no setting " + key);
        }
        return values.get(key);
    }

    public String text(String key) {
        return (String) value(key);
    }

    public int integer(String key) {
        return (Integer) value(key);
    }

    public double number(String key) {
        return (Double) value(key);
    }

    public boolean flag(String key) {
        return (Boolean) value(key);
    }

    public int[] sizes(String key) {
        return ((int[]) value(key)).clone();
    }

    /** Every key with its value as text, in declaration order: what a job prints and stores with a model. */
    public Map<String, String> asText() {
        return texts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue,
                (a, b) -> a, LinkedHashMap::new));
    }
}
