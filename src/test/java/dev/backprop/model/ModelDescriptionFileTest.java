package dev.backprop.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.tensor.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** model.json: its documented fields, what is ignored, and what is refused (with the file named). */
class ModelDescriptionFileTest {

    private static final String JSON = "models/m/model.json";

    private final TrainedModel model = TestModels.model(Precision.FLOAT);
    private final TestModels.Files files = TestModels.write(model);

    @Test
    void writtenDescriptionHasTheDocumentedFields() {
        ObjectNode root = files.jsonTree();
        assertEquals("backprop-spark-model", root.get("format").textValue());
        assertEquals(1, root.get("version").intValue());
        JsonNode network = root.get("network");
        assertEquals(List.of(5, 7, 4, 3), ints(network.get("layer_sizes")));
        assertEquals("tanh", network.get("hidden_activation").textValue());
        assertEquals("softmax_cross_entropy", network.get("output").textValue());
        assertEquals("float32", root.get("precision").textValue());
        int count = 7 * 5 + 7 + 4 * 7 + 4 + 3 * 4 + 3;
        assertEquals(count, root.get("parameter_count").intValue());
        JsonNode weights = root.get("weights");
        assertEquals("weights.bin", weights.get("file").textValue());
        assertEquals(count * 4L, weights.get("bytes").longValue());
        assertEquals(TestModels.sha256(files.weights()), weights.get("sha256").textValue());
        JsonNode training = root.get("training");
        assertEquals(300, training.get("train.epochs").intValue());
        assertTrue(training.get("train.epochs").isIntegralNumber());
        assertEquals(0.1, training.get("train.learning_rate").doubleValue());
        assertEquals(false, training.get("train.regularize_biases").booleanValue());
        assertEquals("hdfs://nn:8020/data/mnist train.libsvm.gz", training.get("data.train").textValue());
        assertTrue(files.jsonText().endsWith("}\n"));
        assertTrue(files.jsonText().contains("\"format\": \"backprop-spark-model\""), files.jsonText());
    }

    @Test
    void doublePrecisionIsFloat64() {
        ObjectNode root = TestModels.write(TestModels.model(Precision.DOUBLE)).jsonTree();
        assertEquals("float64", root.get("precision").textValue());
        assertEquals(root.get("parameter_count").longValue() * 8, root.get("weights").get("bytes").longValue());
    }

    @Test
    void unknownFieldsAreIgnored() throws IOException {
        ObjectNode root = files.jsonTree();
        root.putObject("feature_scaling_from_the_future").put("kind", "standard");
        root.put("created_by", "someone");
        ((ObjectNode) root.get("network")).put("comment", "ignored too");
        ((ObjectNode) root.get("weights")).put("compression", "none");
        TrainedModel back = ModelReader.read(new ByteArrayInputStream(files.withJson(root).json()),
                new ByteArrayInputStream(files.weights()));
        assertEquals(model.spec(), back.spec());
    }

    @Test
    void trainingIsOptional() throws IOException {
        ObjectNode root = files.jsonTree();
        root.remove("training");
        TrainedModel back = ModelReader.read(new ByteArrayInputStream(files.withJson(root).json()),
                new ByteArrayInputStream(files.weights()));
        assertTrue(back.training().isEmpty());
    }

    @Test
    void futureVersionIsRefusedBeforeAnythingElse() {
        ObjectNode root = files.jsonTree();
        root.put("version", 4);
        root.remove("network"); // a version-4 file may look different: the version message must come first
        assertRefused(root, "format version 4 is newer than this reader supports (versions 1 to 3)");
    }

    @Test
    void aVersion2FileWithoutPreprocessingIsAModelWithoutPreprocessing() throws IOException {
        ObjectNode root = files.jsonTree();
        root.put("version", 2);
        TrainedModel back = ModelReader.read(new ByteArrayInputStream(files.withJson(root).json()),
                new ByteArrayInputStream(files.weights()));
        assertEquals(dev.backprop.data.Preprocessing.NONE, back.preprocessing());
    }

    @Test
    void versionZeroIsRefused() {
        assertRefused(edit(r -> r.put("version", 0)), "invalid format version 0");
    }

    @Test
    void otherFormatIsRefused() {
        assertRefused(edit(r -> r.put("format", "onnx")), "not a backprop-spark model description");
    }

    @Test
    void unknownActivationIsRefusedListingTheAllowedOnes() {
        String message = assertRefused(edit(r -> ((ObjectNode) r.get("network")).put("hidden_activation", "swish")),
                "network.hidden_activation: unknown activation 'swish'");
        assertTrue(message.contains("relu, leaky_relu"), message);
    }

    @Test
    void unknownOutputIsRefused() {
        assertRefused(edit(r -> ((ObjectNode) r.get("network")).put("output", "hinge")),
                "network.output: unknown output/loss 'hinge'");
    }

    @Test
    void unknownPrecisionIsRefused() {
        assertRefused(edit(r -> r.put("precision", "bfloat16")), "precision: unknown precision 'bfloat16'");
    }

    @Test
    void missingFieldsAreRefusedByName() {
        assertRefused(edit(r -> r.remove("format")), "missing field \"format\"");
        assertRefused(edit(r -> r.remove("version")), "missing field \"version\"");
        assertRefused(edit(r -> r.remove("network")), "missing field \"network\"");
        assertRefused(edit(r -> ((ObjectNode) r.get("network")).remove("layer_sizes")),
                "missing field \"network.layer_sizes\"");
        assertRefused(edit(r -> ((ObjectNode) r.get("network")).remove("output")), "missing field \"network.output\"");
        assertRefused(edit(r -> r.remove("precision")), "missing field \"precision\"");
        assertRefused(edit(r -> r.remove("parameter_count")), "missing field \"parameter_count\"");
        assertRefused(edit(r -> ((ObjectNode) r.get("weights")).remove("sha256")), "missing field \"weights.sha256\"");
        assertRefused(edit(r -> ((ObjectNode) r.get("weights")).putNull("bytes")), "missing field \"weights.bytes\"");
    }

    @Test
    void wrongTypesAreRefusedByName() {
        assertRefused(edit(r -> r.put("version", "1")), "field \"version\" must be an integer, got \"1\"");
        assertRefused(edit(r -> r.put("version", 1.5)), "field \"version\" must be an integer");
        assertRefused(edit(r -> r.put("network", "784-10")), "field \"network\" must be an object");
        assertRefused(edit(r -> ((ObjectNode) r.get("network")).putArray("layer_sizes").add(5).add(-3)),
                "network.layer_sizes[1] must be a positive integer, got -3");
        assertRefused(edit(r -> ((ObjectNode) r.get("network")).putArray("layer_sizes").add(5)),
                "network.layer_sizes must be an array of at least 2");
        assertRefused(edit(r -> ((ObjectNode) r.get("training")).putObject("nested").put("a", 1)),
                "training.nested must be a string, a boolean or a finite number");
    }

    @Test
    void inconsistentCountsAreRefused() {
        assertRefused(edit(r -> r.put("parameter_count", 10)), "parameter_count is 10 but network 5-7-4-3");
        assertRefused(edit(r -> ((ObjectNode) r.get("weights")).put("bytes", 12)), "weights.bytes is 12 but");
        assertRefused(edit(r -> ((ObjectNode) r.get("network")).putArray("layer_sizes").add(5).add(7).add(3)),
                "parameter_count is 89 but network 5-7-3 tanh softmax_cross_entropy has 66 parameters");
        assertRefused(edit(r -> ((ObjectNode) r.get("weights")).put("sha256", "abc")),
                "weights.sha256 must be 64 hex digits");
    }

    @Test
    void weightsFileMustBeAPlainName() {
        for (String name : new String[] {"../../etc/passwd", "/tmp/w.bin", "sub/w.bin", ".hidden", "model.json", ""}) {
            assertRefused(edit(r -> ((ObjectNode) r.get("weights")).put("file", name)),
                    "weights.file must be a plain file name");
        }
    }

    @Test
    void malformedJsonIsRefusedWithItsPosition() {
        String text = files.jsonText();
        assertRefused(text.substring(0, text.length() / 2), "malformed JSON (line");
        assertRefused("{\"format\": \"backprop-spark-model\", \"format\": \"x\"}", "malformed JSON");
        assertRefused(text + "{}", "malformed JSON");
        assertRefused(text.replace("\"parameter_count\": ", "\"parameter_count\": NaN, \"x\": "), "malformed JSON");
        assertRefused("", "empty file, expected a JSON object");
        assertRefused("[1, 2]", "expected a JSON object at the top level");
        assertRefused("\u0000\u0001binary", "malformed JSON");
    }

    @Test
    void readDescriptionGivesWhatWasWritten() throws IOException {
        ModelDescription d = ModelReader.readDescription(new ByteArrayInputStream(files.json()), JSON);
        assertEquals(new ModelWriter(model).description(), d);
        assertEquals(model.training(), d.training());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private ObjectNode edit(Consumer<ObjectNode> change) {
        ObjectNode root = files.jsonTree();
        change.accept(root);
        return root;
    }

    private String assertRefused(JsonNode root, String expected) {
        return assertRefused(root.toString(), expected);
    }

    /** Reading the description fails with a message naming the file and containing {@code expected}. */
    private String assertRefused(String json, String expected) {
        Executable read = () -> ModelReader.readDescription(
                new ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), JSON);
        ModelFormatException e = assertThrows(ModelFormatException.class, read);
        assertEquals(JSON, e.file());
        assertTrue(e.getMessage().startsWith(JSON + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
        return e.getMessage();
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.intValue()));
        return out;
    }
}
