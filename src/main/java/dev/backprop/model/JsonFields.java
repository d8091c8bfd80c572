package dev.backprop.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The fields of one JSON object of {@code model.json}, read with messages that name the file and the field by its
 * dotted path ({@code weights.sha256}, {@code preprocessing.feature_scaling.scales[3]}).
 */
final class JsonFields {

    final JsonNode node;
    final String prefix;
    final String source;

    JsonFields(JsonNode node, String prefix, String source) {
        this.node = node;
        this.prefix = prefix;
        this.source = source;
    }

    /** The dotted path of {@code field} of this object. */
    String path(String field) {
        return prefix + field;
    }

    /** Whether {@code field} is present (as anything, {@code null} included). */
    boolean has(String field) {
        return node.has(field);
    }

    JsonNode node(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new ModelFormatException(source, "missing field \"" + prefix + field + "\"");
        }
        return value;
    }

    JsonFields object(String field) {
        JsonNode value = node(field);
        if (!value.isObject()) {
            throw wrongType(field, "an object", value);
        }
        return new JsonFields(value, prefix + field + ".", source);
    }

    String text(String field) {
        JsonNode value = node(field);
        if (!value.isTextual()) {
            throw wrongType(field, "a string", value);
        }
        return value.textValue();
    }

    int integer(String field) {
        JsonNode value = node(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(field, "an integer", value);
        }
        return value.intValue();
    }

    long longInteger(String field) {
        JsonNode value = node(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrongType(field, "an integer", value);
        }
        return value.longValue();
    }

    /** A finite number (written with or without a fraction or exponent), as the double it denotes. */
    double finite(String field) {
        return finite(node(field), path(field));
    }

    <T> T parse(String field, Function<String, T> parser) {
        String text = text(field);
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source, prefix + field + ": " + e.getMessage(), e);
        }
    }

    /** An array of strings. */
    List<String> texts(String field) {
        return elements(field, "a string", JsonNode::isTextual, JsonNode::textValue);
    }

    /** An array of booleans ({@code true}, {@code false}). */
    List<Boolean> booleans(String field) {
        return elements(field, "a boolean", JsonNode::isBoolean, JsonNode::booleanValue);
    }

    /** An array of finite numbers. */
    List<Double> finites(String field) {
        JsonNode array = array(field);
        List<Double> values = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            values.add(finite(array.get(i), path(field) + "[" + i + "]"));
        }
        return values;
    }

    /** An array of arrays of strings. */
    List<List<String>> textLists(String field) {
        JsonNode array = array(field);
        List<List<String>> lists = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode inner = array.get(i);
            String at = path(field) + "[" + i + "]";
            if (!inner.isArray()) {
                throw new ModelFormatException(source, "field \"" + at + "\" must be an array of strings, got "
                        + ModelJson.describe(inner));
            }
            List<String> texts = new ArrayList<>(inner.size());
            for (int j = 0; j < inner.size(); j++) {
                JsonNode n = inner.get(j);
                if (!n.isTextual()) {
                    throw new ModelFormatException(source, "field \"" + at + "[" + j + "]\" must be a string, got "
                            + ModelJson.describe(n));
                }
                texts.add(n.textValue());
            }
            lists.add(texts);
        }
        return lists;
    }

    private JsonNode array(String field) {
        JsonNode value = node(field);
        if (!value.isArray()) {
            throw wrongType(field, "an array", value);
        }
        return value;
    }

    private <T> List<T> elements(String field, String expected, java.util.function.Predicate<JsonNode> accepts,
                                 Function<JsonNode, T> value) {
        JsonNode array = array(field);
        List<T> values = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode n = array.get(i);
            if (!accepts.test(n)) {
                throw new ModelFormatException(source, "field \"" + path(field) + "[" + i + "]\" must be " + expected
                        + ", got " + ModelJson.describe(n));
            }
            values.add(value.apply(n));
        }
        return values;
    }

    private double finite(JsonNode n, String path) {
        if (!n.isNumber()) {
            throw new ModelFormatException(source, "field \"" + path + "\" must be a number, got "
                    + ModelJson.describe(n));
        }
        double v = n.doubleValue();
        if (!Double.isFinite(v)) {
            throw new ModelFormatException(source, "field \"" + path + "\" must be a finite number, got one beyond"
                    + " the range of a double");
        }
        return v;
    }

    private ModelFormatException wrongType(String field, String expected, JsonNode value) {
        return new ModelFormatException(source, "field \"" + prefix + field + "\" must be " + expected + ", got "
                + ModelJson.describe(value));
    }
}
