package dev.backprop.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.data.Preprocessing;
import dev.backprop.nn.Activation;
import dev.backprop.nn.MlpSpec;
import dev.backprop.nn.OutputLoss;
import dev.backprop.tensor.Precision;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code model.json} to and from a {@link ModelDescription}, through Jackson's tree model so that every field is
 * read and checked by hand: a missing or mistyped field is refused with its name, unknown fields are ignored, and a
 * newer {@code "version"} is refused before anything else is looked at. Doubles are written as
 * {@link Double#toString} writes them, a decimal that reads back to the same double, and read back exactly
 * ({@code -0.0} and subnormals included).
 */
final class ModelJson {

    /** A model description is a few kilobytes; later label maps may add some. Anything bigger is hostile. */
    private static final long MAX_DOCUMENT_BYTES = 64L << 20;

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxDocumentLength(MAX_DOCUMENT_BYTES).maxNestingDepth(64).build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ModelJson() {
    }

    // ---- writing ------------------------------------------------------------------------------------------------

    static void write(ModelDescription d, OutputStream out) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("format", ModelDescription.FORMAT);
        root.put("version", d.version());
        ObjectNode network = root.putObject("network");
        ArrayNode sizes = network.putArray("layer_sizes");
        for (int size : d.spec().layerSizes()) {
            sizes.add(size);
        }
        network.put("hidden_activation", d.spec().hidden().configName());
        network.put("output", d.spec().output().configName());
        root.put("precision", ModelDescription.precisionName(d.precision()));
        root.put("parameter_count", d.parameterCount());
        ObjectNode weights = root.putObject("weights");
        weights.put("file", d.weightsFile());
        weights.put("bytes", d.weightsBytes());
        weights.put("sha256", d.weightsSha256());
        if (!d.preprocessing().isNone()) {
            PreprocessingJson.write(d.preprocessing(), root);
        }
        ObjectNode training = root.putObject("training");
        for (Map.Entry<String, Object> e : d.training().entrySet()) {
            Object v = e.getValue();
            if (v instanceof String s) {
                training.put(e.getKey(), s);
            } else if (v instanceof Boolean b) {
                training.put(e.getKey(), b);
            } else if (v instanceof Long l) {
                training.put(e.getKey(), l);
            } else {
                training.put(e.getKey(), (Double) v);
            }
        }
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance);
        MAPPER.writer(printer).writeValue(out, root);
        out.write('\n');
        out.flush();
    }

    // ---- reading ------------------------------------------------------------------------------------------------

    static ModelDescription read(InputStream in, String source) throws IOException {
        JsonNode root = parse(in, source);
        JsonFields top = new JsonFields(root, "", source);
        String format = top.text("format");
        if (!ModelDescription.FORMAT.equals(format)) {
            throw new ModelFormatException(source, "not a backprop-spark model description: \"format\" is '" + format
                    + "', expected '" + ModelDescription.FORMAT + "'");
        }
        int version = top.integer("version");
        if (version > ModelDescription.CURRENT_VERSION) {
            throw new ModelFormatException(source, "format version " + version + " is newer than this reader"
                    + " supports (versions " + ModelDescription.FIRST_VERSION + " to "
                    + ModelDescription.CURRENT_VERSION + "); load the model with the newer backprop-spark that"
                    + " wrote it");
        }
        if (version < ModelDescription.FIRST_VERSION) {
            throw new ModelFormatException(source, "invalid format version " + version + " (versions start at "
                    + ModelDescription.FIRST_VERSION + ")");
        }
        JsonFields network = top.object("network");
        MlpSpec spec = spec(network, source);
        Precision precision = top.parse("precision", ModelDescription::parsePrecision);
        int parameterCount = top.integer("parameter_count");
        JsonFields weights = top.object("weights");
        String weightsFile = weights.text("file");
        long weightsBytes = weights.longInteger("bytes");
        String weightsSha256 = weights.text("sha256");
        Map<String, Object> training = root.has("training") ? training(top.object("training")) : Map.of();
        Preprocessing preprocessing = Preprocessing.NONE;
        if (root.has(PreprocessingJson.FIELD)) {
            if (version < 2) {
                // A version-1 reader would ignore it and compute something else: such a file was not written by
                // this format's writers, whatever it means.
                throw new ModelFormatException(source, "\"" + PreprocessingJson.FIELD + "\" needs format version 2,"
                        + " but \"version\" is " + version);
            }
            preprocessing = PreprocessingJson.read(top.object(PreprocessingJson.FIELD), version);
        }
        try {
            return new ModelDescription(spec, precision, parameterCount, training, weightsFile, weightsBytes,
                    weightsSha256, preprocessing);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source, e.getMessage(), e);
        }
    }

    private static JsonNode parse(InputStream in, String source) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new ModelFormatException(source, "malformed JSON" + where + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new ModelFormatException(source, "empty file, expected a JSON object");
        }
        if (!root.isObject()) {
            throw new ModelFormatException(source, "expected a JSON object at the top level, got "
                    + describe(root));
        }
        return root;
    }

    private static MlpSpec spec(JsonFields network, String source) {
        JsonNode sizesNode = network.node("layer_sizes");
        if (!sizesNode.isArray() || sizesNode.size() < 2) {
            throw new ModelFormatException(source, "network.layer_sizes must be an array of at least 2 positive"
                    + " integers (inputs, hidden layers, outputs), got " + describe(sizesNode));
        }
        int[] sizes = new int[sizesNode.size()];
        for (int i = 0; i < sizes.length; i++) {
            JsonNode n = sizesNode.get(i);
            if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() <= 0) {
                throw new ModelFormatException(source, "network.layer_sizes[" + i + "] must be a positive integer,"
                        + " got " + describe(n));
            }
            sizes[i] = n.intValue();
        }
        Activation hidden = network.parse("hidden_activation", Activation::parse);
        OutputLoss output = network.parse("output", OutputLoss::parse);
        try {
            return new MlpSpec(sizes, hidden, output);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source, "network: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> training(JsonFields training) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : training.node.properties()) {
            JsonNode v = e.getValue();
            String name = "training." + e.getKey();
            Object value;
            if (v.isTextual()) {
                value = v.textValue();
            } else if (v.isBoolean()) {
                value = v.booleanValue();
            } else if (v.isIntegralNumber() && v.canConvertToLong()) {
                value = v.longValue();
            } else if (v.isFloatingPointNumber() && Double.isFinite(v.doubleValue())) {
                value = v.doubleValue();
            } else {
                throw new ModelFormatException(training.source, name + " must be a string, a boolean or a finite"
                        + " number that fits a long or double (training metadata is a flat map), got "
                        + describe(v));
            }
            map.put(e.getKey(), value);
        }
        return map;
    }

    /** A short description of a node for messages: its JSON text when short, else its type. */
    static String describe(JsonNode n) {
        if (n.isMissingNode()) {
            return "nothing";
        }
        String text = n.toString();
        return text.length() <= 60 ? text : n.getNodeType().name().toLowerCase() + " " + text.substring(0, 57)
                + "...";
    }
}
