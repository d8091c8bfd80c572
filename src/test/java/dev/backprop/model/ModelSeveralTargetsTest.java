package dev.backprop.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.data.FeatureScaler;
import dev.backprop.data.Preprocessing;
import dev.backprop.data.TableSchema;
import dev.backprop.nn.Activation;
import dev.backprop.nn.MlpSpec;
import dev.backprop.nn.OutputLoss;
import dev.backprop.tensor.Precision;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Format version 3: a regression with several targets stores its target columns ({@code table.label_columns}) and
 * a target scaling per target ({@code offsets}, {@code scales}); a model of one target is still written as version
 * 2 wrote it, and version-2 files still load; the new fields are refused in an older version, and where they do
 * not fit the network.
 */
class ModelSeveralTargetsTest {

    private static final String JSON = "models/m/model.json";
    /** Two targets, y1 and y2, from columns x (numeric) and zone (categorical: north, south). */
    private static final MlpSpec TWO_TARGETS = new MlpSpec(new int[] {3, 4, 2}, Activation.TANH,
            OutputLoss.IDENTITY_SQUARED_ERROR);

    private static TableSchema.State twoTargetTable() {
        return new TableSchema.State(List.of("y1", "y2"), List.of(), List.of("x", "zone"), List.of(false, true),
                List.of(List.of(), List.of("north", "south")), List.of(1.5, 0.25, 0.75));
    }

    private static Preprocessing twoTargetPreprocessing() {
        return new Preprocessing(List.of(), twoTargetTable(),
                FeatureScaler.of(new double[] {1.5, 0, 0}, new double[] {2, 1, 1}),
                FeatureScaler.of(new double[] {-3.25, 1e6}, new double[] {0.5, 2.5e4}));
    }

    private static TrainedModel twoTargetModel() {
        return TestModels.with(TestModels.model(TWO_TARGETS, Precision.FLOAT, 21), twoTargetPreprocessing());
    }

    private static TrainedModel read(TestModels.Files files) throws IOException {
        return ModelReader.read(new ByteArrayInputStream(files.json()), new ByteArrayInputStream(files.weights()));
    }

    @Test
    void twoTargetsAreWrittenAsVersion3WithTheirColumnsAndScalings() {
        ObjectNode root = TestModels.write(twoTargetModel()).jsonTree();
        assertEquals(3, root.get("version").intValue());
        JsonNode table = root.at("/preprocessing/table");
        assertEquals("[\"y1\",\"y2\"]", table.get("label_columns").toString());
        assertFalse(table.has("label_column"));
        JsonNode target = root.at("/preprocessing/target_scaling");
        assertEquals("[-3.25,1000000.0]", target.get("offsets").toString());
        assertEquals("[0.5,25000.0]", target.get("scales").toString());
        assertFalse(target.has("offset") || target.has("scale"), target.toString());
    }

    @Test
    void twoTargetsRoundTripExactly() throws IOException {
        TrainedModel model = twoTargetModel();
        TrainedModel back = read(TestModels.write(model));
        assertEquals(model.preprocessing(), back.preprocessing());
        assertEquals(List.of("y1", "y2"), back.preprocessing().schema().labelColumns());
        assertEquals("y2", back.preprocessing().targetName(1));
        assertEquals(1e6 + 2.5e4, back.preprocessing().target().unscale(1, 1));
        assertEquals(-3.25 + 0.5, back.preprocessing().target().unscale(0, 1));
        ModelRoundTripTest.assertBitIdentical(model.parameters().flat(), back.parameters().flat());
    }

    @Test
    void oneTargetIsWrittenByteForByteAsVersion2WroteIt() throws IOException {
        TrainedModel model = TestModels.with(TestModels.model(TestModels.REGRESSION_SPEC, Precision.DOUBLE, 5),
                TestModels.regressionPreprocessing());
        TestModels.Files files = TestModels.write(model);
        String version2 = resource("version2-regression-model.json");
        String sha = files.jsonTree().get("weights").get("sha256").textValue();
        assertEquals(version2.replaceAll("\"sha256\": \"[0-9a-f]{64}\"", "\"sha256\": \"" + sha + "\""),
                files.jsonText());
    }

    @Test
    void aVersion2RegressionFileStillLoads() throws IOException {
        TrainedModel model = TestModels.with(TestModels.model(TestModels.REGRESSION_SPEC, Precision.DOUBLE, 5),
                TestModels.regressionPreprocessing());
        byte[] weights = TestModels.write(model).weights();
        String version2 = resource("version2-regression-model.json").replaceAll("\"sha256\": \"[0-9a-f]{64}\"",
                "\"sha256\": \"" + TestModels.sha256(weights) + "\"");
        TrainedModel back = read(new TestModels.Files(version2.getBytes(StandardCharsets.UTF_8), weights));
        assertEquals(TestModels.regressionPreprocessing(), back.preprocessing());
        assertEquals(List.of("price"), back.preprocessing().table().labelColumns());
        assertEquals(1, back.preprocessing().numLabels());
        assertEquals(350000.5, back.preprocessing().target().unscale(0, 1));
    }

    @Test
    void theFieldsOfSeveralTargetsNeedVersion3() {
        TestModels.Files files = TestModels.write(twoTargetModel());
        assertRefused(files, r -> r.put("version", 2), "field \"preprocessing.table.label_columns\" (several"
                + " regression targets) needs format version 3, but \"version\" is 2");
        TestModels.Files oneTarget = TestModels.write(TestModels.with(TestModels.model(TestModels.REGRESSION_SPEC,
                Precision.DOUBLE, 5), TestModels.regressionPreprocessing()));
        assertRefused(oneTarget, r -> {
            ObjectNode target = (ObjectNode) r.at("/preprocessing/target_scaling");
            target.removeAll();
            target.putArray("offsets").add(1.0);
            target.putArray("scales").add(2.0);
        }, "field \"preprocessing.target_scaling.offsets\" (several regression targets) needs format version 3");
    }

    @Test
    void malformedFieldsOfSeveralTargetsAreRefusedNamingThem() {
        TestModels.Files files = TestModels.write(twoTargetModel());
        assertRefused(files, r -> table(r).put("label_column", "y1"), "fields \"preprocessing.table.label_column\""
                + " and \"preprocessing.table.label_columns\" are both present");
        assertRefused(files, r -> table(r).putArray("label_columns").add("y1"),
                "field \"preprocessing.table.label_columns\" has 1 column(s)");
        assertRefused(files, r -> table(r).putArray("label_columns").add("y1").add("y1"),
                "preprocessing.table.label_columns [y1, y1] names a column twice");
        assertRefused(files, r -> {
            table(r).putArray("label_columns").add("y1").add("y2").add("y3");
            ((ObjectNode) r.get("preprocessing")).remove("target_scaling");
        }, "preprocessing.table has 3 label columns but the network has 2 outputs");
        assertRefused(files, r -> table(r).putArray("label_columns").add("y1").add("y2").add("y3"),
                "a target scaler of 2 columns for 3 label columns [y1, y2, y3]; there is one column per target");
        assertRefused(files, r -> target(r).putArray("scales").add(0.5).add(0.0), "must be a positive number");
        assertRefused(files, r -> target(r).putArray("offsets").add(1.0).add(2.0).add(3.0),
                "preprocessing.target_scaling.offsets has 3 values but preprocessing.target_scaling.scales has 2;"
                        + " there is one of each per target");
        assertRefused(files, r -> target(r).put("offset", 1.0), "a target scaling has the scalar offset and scale"
                + " of one target, or the offsets and scales of several");
        assertRefused(files, r -> target(r).remove("scales"), "missing field \"preprocessing.target_scaling.scales\"");
    }

    @Test
    void theTargetsMustFitTheNetwork() {
        TrainedModel oneOutput = TestModels.model(new MlpSpec(new int[] {3, 1}, Activation.TANH,
                OutputLoss.IDENTITY_SQUARED_ERROR), Precision.FLOAT, 1);
        assertWriterRefuses(TestModels.with(oneOutput, new Preprocessing(List.of(), twoTargetTable(), null, null)),
                "preprocessing.table has 2 label columns but the network has 1 output");
        TrainedModel threeOutputs = TestModels.model(new MlpSpec(new int[] {3, 3}, Activation.TANH,
                OutputLoss.IDENTITY_SQUARED_ERROR), Precision.FLOAT, 1);
        assertWriterRefuses(TestModels.with(threeOutputs, twoTargetPreprocessing()),
                "preprocessing.table has 2 label columns but the network has 3 outputs");
        TrainedModel classifier = TestModels.model(new MlpSpec(new int[] {3, 2}, Activation.TANH,
                OutputLoss.SOFTMAX_CROSS_ENTROPY), Precision.FLOAT, 1);
        assertWriterRefuses(TestModels.with(classifier, new Preprocessing(List.of("a", "b"), new TableSchema.State(
                List.of("y1", "y2"), List.of("a", "b"), List.of("x", "zone"), List.of(false, true),
                List.of(List.of(), List.of("north", "south")), List.of(1.5, 0.25, 0.75)), null, null)),
                "preprocessing.table.label_columns has 2 columns, but a classification has one label column");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private String resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ObjectNode table(ObjectNode root) {
        return (ObjectNode) root.at("/preprocessing/table");
    }

    private static ObjectNode target(ObjectNode root) {
        return (ObjectNode) root.at("/preprocessing/target_scaling");
    }

    private static void assertRefused(TestModels.Files files, Consumer<ObjectNode> change, String expected) {
        ObjectNode root = files.jsonTree();
        change.accept(root);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelReader.readDescription(
                new ByteArrayInputStream(root.toString().getBytes(StandardCharsets.UTF_8)), JSON));
        assertEquals(JSON, e.file());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    private static void assertWriterRefuses(TrainedModel model, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelWriter(model));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
