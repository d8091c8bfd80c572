package dev.backprop.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.data.FeatureScaler;
import dev.backprop.data.Preprocessing;
import dev.backprop.data.TableSchema;
import dev.backprop.nn.Activation;
import dev.backprop.nn.MlpSpec;
import dev.backprop.nn.OutputLoss;
import dev.backprop.tensor.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Format version 2: the {@code "preprocessing"} object of model.json (labels, CSV table schema, feature and target
 * scalers) written, read back equal to the bit, and refused with the field named when it does not hold together.
 */
class ModelPreprocessingTest {

    private static final String JSON = "models/m/model.json";

    private final TrainedModel classifier = TestModels.with(TestModels.model(TestModels.BINARY_SPEC, Precision.FLOAT,
            11), TestModels.classificationPreprocessing());
    private final TestModels.Files classifierFiles = TestModels.write(classifier);

    // ---- round trips --------------------------------------------------------------------------------------------

    @Test
    void classificationWithTableCategoriesMeansAndScalerRoundTrips() throws IOException {
        TrainedModel back = read(classifierFiles);
        assertEquals(classifier.preprocessing(), back.preprocessing());
        assertEquals(classifier.spec(), back.spec());
        assertEquals(classifier.training(), back.training());
        ModelRoundTripTest.assertBitIdentical(classifier.parameters().flat(), back.parameters().flat());
        // the restored state makes a working schema with the stored label map and categories
        TableSchema schema = back.preprocessing().schema();
        assertNotNull(schema);
        assertEquals(TestModels.classificationTable(), schema.state());
        assertEquals("malignant", back.preprocessing().labelOf(1));
        assertEquals(1, back.preprocessing().labelMap().classOrMinusOne("malignant"));
    }

    @Test
    void classificationFileHasTheDocumentedFields() {
        ObjectNode root = classifierFiles.jsonTree();
        assertEquals(2, root.get("version").intValue());
        JsonNode p = root.get("preprocessing");
        assertEquals(List.of("benign", "malignant"), texts(p.get("labels")));
        JsonNode table = p.get("table");
        assertEquals("diagnosis", table.get("label_column").textValue());
        assertEquals(List.of("age", "color", "height", "site"), texts(table.get("columns")));
        assertEquals("[false,true,false,true]", table.get("categorical").toString());
        assertEquals("[[],[\"blue\",\"red\"],[],[\"a\",\"b\",\"c\"]]", table.get("categories").toString());
        assertEquals(7, table.get("means").size());
        assertFalse(table.has("labels"), "the labels are written once, in preprocessing.labels");
        assertEquals(7, p.get("feature_scaling").get("offsets").size());
        assertEquals(12.5, p.get("feature_scaling").get("scales").get(0).doubleValue());
        assertFalse(p.has("target_scaling"));
        List<String> order = new ArrayList<>();
        root.fieldNames().forEachRemaining(order::add);
        assertEquals(List.of("format", "version", "network", "precision", "parameter_count", "weights",
                "preprocessing", "training"), order);
    }

    @Test
    void regressionWithTargetScalerRoundTrips() throws IOException {
        TrainedModel model = TestModels.with(TestModels.model(TestModels.REGRESSION_SPEC, Precision.DOUBLE, 5),
                TestModels.regressionPreprocessing());
        TestModels.Files files = TestModels.write(model);
        JsonNode p = files.jsonTree().get("preprocessing");
        assertFalse(p.has("labels"), "a regression has no labels");
        assertEquals("price", p.get("table").get("label_column").textValue());
        assertEquals(250000.5, p.get("target_scaling").get("offset").doubleValue());
        assertEquals(1e5, p.get("target_scaling").get("scale").doubleValue());
        TrainedModel back = read(files);
        assertEquals(model.preprocessing(), back.preprocessing());
        assertFalse(back.preprocessing().table().classification());
        assertEquals(350000.5, back.preprocessing().target().unscaleTarget(1.0));
    }

    @Test
    void libsvmModelHasLabelsAndNoTable() throws IOException {
        MlpSpec spec = new MlpSpec(new int[] {6, 4, 3}, Activation.SIGMOID, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        Preprocessing labelsOnly = new Preprocessing(List.of("-1", "+1", "7.5"), null, null, null);
        TrainedModel model = TestModels.with(TestModels.model(spec, Precision.FLOAT, 3), labelsOnly);
        TestModels.Files files = TestModels.write(model);
        JsonNode p = files.jsonTree().get("preprocessing");
        assertEquals(List.of("-1", "+1", "7.5"), texts(p.get("labels")));
        assertFalse(p.has("table") || p.has("feature_scaling") || p.has("target_scaling"), p.toString());
        assertEquals(labelsOnly, read(files).preprocessing());

        // scaling without centering, as for sparse input, and no labels (classes are their indices)
        FeatureScaler scaler = FeatureScaler.of(new double[6], new double[] {1, 2, 3, 0.5, 1e-3, 7});
        Preprocessing scalingOnly = new Preprocessing(List.of(), null, scaler, null);
        TestModels.Files scaled = TestModels.write(TestModels.with(model, scalingOnly));
        JsonNode q = scaled.jsonTree().get("preprocessing");
        assertEquals("[\"feature_scaling\"]", names(q));
        assertEquals(2, scaled.jsonTree().get("version").intValue());
        assertEquals(scalingOnly, read(scaled).preprocessing());
    }

    @Test
    void noPreprocessingWritesVersion1AsBefore() throws IOException {
        TrainedModel model = TestModels.model(Precision.FLOAT);
        TestModels.Files files = TestModels.write(model);
        ObjectNode root = files.jsonTree();
        assertEquals(1, root.get("version").intValue());
        assertFalse(root.has("preprocessing"));
        assertEquals(Preprocessing.NONE, read(files).preprocessing());
        // byte for byte what the version-1 writer wrote for this model (its weights' checksum put in, so that the
        // comparison is about the description's layout, not about how test weights are initialized)
        String before;
        try (InputStream in = getClass().getResourceAsStream("version1-model.json")) {
            before = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String sha = root.get("weights").get("sha256").textValue();
        before = before.replaceAll("\"sha256\": \"[0-9a-f]{64}\"", "\"sha256\": \"" + sha + "\"");
        assertEquals(before, files.jsonText());
    }

    @Test
    void doublesRoundTripExactly() throws IOException {
        double[] awkward = {0.1 + 0.2, 1e-300, -0.0, 0.0, Double.MIN_VALUE, Double.MIN_NORMAL,
                Math.nextDown(Double.MIN_NORMAL), 3 * Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
                1.0 / 3, 2.0 / 3, Math.PI, -Math.E, 1e23, 9.007199254740993e15, 2e-3, 1e-5, 123456789.123456789,
                Math.ulp(1.0), 1 + Math.ulp(1.0), -4.9e-324};
        SplittableRandom random = new SplittableRandom(17);
        List<Double> means = new ArrayList<>();
        for (double v : awkward) {
            means.add(v);
        }
        while (means.size() < 2000) {
            double v = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(v)) {
                means.add(v);
            }
        }
        int n = means.size();
        double[] offsets = new double[n];
        double[] scales = new double[n];
        for (int j = 0; j < n; j++) {
            offsets[j] = means.get((j + 7) % n);
            scales[j] = Math.abs(means.get(j));
            if (!(scales[j] > 0)) {
                scales[j] = Double.MIN_VALUE;
            }
        }
        List<String> columns = new ArrayList<>();
        List<Boolean> kinds = new ArrayList<>();
        List<List<String>> categories = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            columns.add("x" + j);
            kinds.add(false);
            categories.add(List.of());
        }
        MlpSpec spec = new MlpSpec(new int[] {n, 1}, Activation.IDENTITY, OutputLoss.IDENTITY_SQUARED_ERROR);
        Preprocessing p = new Preprocessing(List.of(),
                new TableSchema.State("y", List.of(), columns, kinds, categories, means),
                FeatureScaler.of(offsets, scales), FeatureScaler.of(new double[] {-0.0},
                new double[] {Double.MIN_VALUE}));
        TestModels.Files files = TestModels.write(TestModels.with(TestModels.model(spec, Precision.DOUBLE, 1), p));
        assertTrue(files.jsonText().contains("\"offset\": -0.0"), "negative zero is written as such");
        Preprocessing back = read(files).preprocessing();
        assertEquals(p, back); // List<Double> and double[] equality compare the bits: -0.0 differs from 0.0
        for (int j = 0; j < n; j++) {
            assertEquals(Double.doubleToRawLongBits(means.get(j)),
                    Double.doubleToRawLongBits(back.table().means().get(j)), "mean " + j);
        }
        assertArrayEquals(offsets, back.features().offsets());
        assertArrayEquals(scales, back.features().scales());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.target().offsets()[0]));
    }

    @Test
    void numbersWithoutAFractionAreDoublesToo() throws IOException {
        ObjectNode root = classifierFiles.jsonTree();
        ArrayNode scales = (ArrayNode) root.at("/preprocessing/feature_scaling/scales");
        scales.set(0, 12);
        Preprocessing back = ModelReader.read(new ByteArrayInputStream(classifierFiles.withJson(root).json()),
                new ByteArrayInputStream(classifierFiles.weights())).preprocessing();
        assertEquals(12.0, back.features().scales()[0]);
    }

    // ---- what is refused on reading, with the field named ---------------------------------------------------------

    @Test
    void featureScalingIsChecked() {
        assertRefused(edit(r -> scales(r).set(3, 0.0)), "\"preprocessing.feature_scaling.scales[3]\" must be a"
                + " positive number");
        assertRefused(edit(r -> scales(r).set(3, -2.5)), "preprocessing.feature_scaling.scales[3]");
        assertRefused(edit(r -> scales(r).set(1, "1")),
                "field \"preprocessing.feature_scaling.scales[1]\" must be a number, got \"1\"");
        assertRefused(edit(r -> offsets(r).remove(6)), "preprocessing.feature_scaling.offsets has 6 values but"
                + " preprocessing.feature_scaling.scales has 7");
        assertRefused(edit(r -> {
            offsets(r).remove(6);
            scales(r).remove(6);
        }), "preprocessing.feature_scaling has 6 offsets and scales but the network has 7 inputs");
        assertRefused(edit(r -> featureScaling(r).remove("scales")),
                "missing field \"preprocessing.feature_scaling.scales\"");
        assertRefused(edit(r -> featureScaling(r).put("offsets", 0)),
                "field \"preprocessing.feature_scaling.offsets\" must be an array");
        String text = classifierFiles.jsonText();
        assertRefused(text.replace("\"offsets\": [ 41.25,", "\"offsets\": [ 1e400,"),
                "field \"preprocessing.feature_scaling.offsets[0]\" must be a finite number, got one beyond the range of a"
                        + " double");
        assertRefused(text.replace("\"offsets\": [ 41.25,", "\"offsets\": [ NaN,"), "malformed JSON");
    }

    @Test
    void tableIsChecked() {
        assertRefused(edit(r -> means(r).remove(0)),
                "preprocessing.table.means has 6 values but the columns expand to 7 features");
        assertRefused(classifierFiles.jsonText().replace("\"means\": [ 41.25", "\"means\": [ -1e999"),
                "\"preprocessing.table.means[0]\" must be a finite number");
        assertRefused(edit(r -> means(r).set(2, "0.5")), "\"preprocessing.table.means[2]\" must be a number");
        assertRefused(edit(r -> table(r).withArray("categorical").remove(3)),
                "preprocessing.table.categorical has 3 values but preprocessing.table.columns has 4 columns");
        assertRefused(edit(r -> table(r).withArray("categorical").set(1, "yes")),
                "field \"preprocessing.table.categorical[1]\" must be a boolean");
        assertRefused(edit(r -> table(r).withArray("categories").remove(0)),
                "preprocessing.table.categories has 3 lists but preprocessing.table.columns has 4 columns");
        assertRefused(edit(r -> categories(r, 0).add("x")),
                "preprocessing.table.categories[0] lists 1 categories, but column 'age' is numeric");
        assertRefused(edit(r -> categories(r, 1).removeAll()),
                "preprocessing.table.categories[1] is empty, but categorical column 'color' needs");
        assertRefused(edit(r -> categories(r, 3).set(2, "a")),
                "preprocessing.table.categories[3][2] 'a' appears twice in column 'site'");
        assertRefused(edit(r -> categories(r, 1).set(0, " blue")),
                "preprocessing.table.categories[1][0] ' blue' must be non-blank");
        assertRefused(edit(r -> categories(r, 1).set(0, 3)),
                "field \"preprocessing.table.categories[1][0]\" must be a string");
        assertRefused(edit(r -> table(r).withArray("categories").set(1, "blue")),
                "field \"preprocessing.table.categories[1]\" must be an array of strings");
        assertRefused(edit(r -> table(r).withArray("columns").set(2, 5)),
                "field \"preprocessing.table.columns[2]\" must be a string");
        assertRefused(edit(r -> table(r).remove("label_column")),
                "missing field \"preprocessing.table.label_column\"");
        assertRefused(edit(r -> {
            categories(r, 1).add("green");
            means(r).insert(3, 0.0);
        }), "preprocessing.table expands to 8 features but the network has 7 inputs");
    }

    @Test
    void labelsAreChecked() {
        assertRefused(edit(r -> labels(r).add("unsure")), "preprocessing.labels has 3 labels, but the network's"
                + " sigmoid_binary_cross_entropy output with 1 output has 2 classes");
        assertRefused(edit(r -> labels(r).set(1, "")), "preprocessing.labels[1] is blank");
        assertRefused(edit(r -> labels(r).set(1, "malignant ")),
                "preprocessing.labels[1] 'malignant ' has surrounding whitespace");
        assertRefused(edit(r -> labels(r).set(1, 1)), "field \"preprocessing.labels[1]\" must be a string, got 1");
        assertRefused(edit(r -> labels(r).removeAll().add("1").add("1.0")),
                "preprocessing.labels[1] '1.0' is the same label as preprocessing.labels[0] '1'");
    }

    @Test
    void softmaxNeedsOneLabelPerOutput() throws IOException {
        MlpSpec spec = new MlpSpec(new int[] {4, 3}, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        TestModels.Files files = TestModels.write(TestModels.with(TestModels.model(spec, Precision.FLOAT, 2),
                new Preprocessing(List.of("setosa", "versicolor", "virginica"), null, null, null)));
        ObjectNode root = files.jsonTree();
        ((ArrayNode) root.at("/preprocessing/labels")).remove(2);
        assertRefused(files.withJson(root).jsonText(), "preprocessing.labels has 2 labels, but the network's"
                + " softmax_cross_entropy output with 3 outputs has 3 classes");
    }

    @Test
    void regressionPartsAreChecked() {
        TestModels.Files regression = TestModels.write(TestModels.with(
                TestModels.model(TestModels.REGRESSION_SPEC, Precision.FLOAT, 4), TestModels.regressionPreprocessing()));
        assertRefused(regression, r -> target(r).put("scale", 0.0),
                "\"preprocessing.target_scaling.scale\" must be a positive number");
        assertRefused(regression, r -> target(r).put("offset", "0"),
                "field \"preprocessing.target_scaling.offset\" must be a number");
        assertRefused(regression, r -> target(r).remove("scale"), "missing field \"preprocessing.target_scaling.scale\"");
        assertRefused(regression, r -> ((ObjectNode) r.get("preprocessing")).putArray("labels").add("a").add("b"),
                "preprocessing.labels has 2 class labels, but the network's output identity_squared_error is a"
                        + " regression");
        // a target scaler with a classifier
        assertRefused(edit(r -> ((ObjectNode) r.get("preprocessing")).putObject("target_scaling").put("offset", 0)
                        .put("scale", 1)),
                "preprocessing.target_scaling is for regression targets, but the network's output"
                        + " sigmoid_binary_cross_entropy is a classification");
    }

    @Test
    void preprocessingNeedsVersion2AndAnObject() {
        assertRefused(edit(r -> r.put("version", 1)), "\"preprocessing\" needs format version 2, but \"version\" is 1");
        assertRefused(edit(r -> r.put("preprocessing", "standard")), "field \"preprocessing\" must be an object");
        assertRefused(edit(r -> r.put("version", 4)), "format version 4 is newer than this reader supports");
    }

    @Test
    void unknownFieldsInsidePreprocessingAreIgnored() throws IOException {
        ObjectNode root = classifierFiles.jsonTree();
        ((ObjectNode) root.get("preprocessing")).put("comment", "from the future");
        table(root).put("delimiter", ",");
        TrainedModel back = ModelReader.read(new ByteArrayInputStream(classifierFiles.withJson(root).json()),
                new ByteArrayInputStream(classifierFiles.weights()));
        assertEquals(classifier.preprocessing(), back.preprocessing());
    }

    // ---- what the writer refuses --------------------------------------------------------------------------------

    @Test
    void writerRefusesPreprocessingThatDoesNotFitTheNetwork() {
        TrainedModel base = TestModels.model(TestModels.BINARY_SPEC, Precision.FLOAT, 11);
        Preprocessing p = TestModels.classificationPreprocessing();
        assertWriterRefuses(TestModels.with(base, new Preprocessing(p.labels(), p.table(),
                FeatureScaler.identity(6), null)), "preprocessing.feature_scaling has 6 offsets and scales but the"
                + " network has 7 inputs");
        assertWriterRefuses(TestModels.with(base, new Preprocessing(List.of("a", "b", "c"), null, null, null)),
                "preprocessing.labels has 3 labels");
        assertWriterRefuses(TestModels.with(base, new Preprocessing(List.of("yes", "no"),
                TestModels.regressionTable(), null, null)), "preprocessing.table reads its label column as a number");
        TableSchema.State t = TestModels.classificationTable();
        List<Double> nanMean = new ArrayList<>(t.means());
        nanMean.set(4, Double.NaN);
        assertWriterRefuses(TestModels.with(base, new Preprocessing(p.labels(), new TableSchema.State(t.labelColumn(),
                t.labels(), t.columns(), t.categorical(), t.categories(), nanMean), null, null)),
                "preprocessing.table.means[4] is NaN");
        TrainedModel regression = TestModels.model(new MlpSpec(new int[] {4, 2}, Activation.RELU,
                OutputLoss.IDENTITY_SQUARED_ERROR), Precision.FLOAT, 1);
        assertWriterRefuses(TestModels.with(regression, new Preprocessing(List.of(), null, null,
                FeatureScaler.identity(1))), "preprocessing.target_scaling scales one regression target, but the"
                + " network has 2 outputs");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static TrainedModel read(TestModels.Files files) throws IOException {
        return ModelReader.read(new ByteArrayInputStream(files.json()), new ByteArrayInputStream(files.weights()));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.textValue()));
        return texts;
    }

    private static String names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return Arrays.toString(names.stream().map(s -> "\"" + s + "\"").toArray()).replace(" ", "");
    }

    private static ObjectNode featureScaling(ObjectNode root) {
        return (ObjectNode) root.at("/preprocessing/feature_scaling");
    }

    private static ArrayNode offsets(ObjectNode root) {
        return (ArrayNode) root.at("/preprocessing/feature_scaling/offsets");
    }

    private static ArrayNode scales(ObjectNode root) {
        return (ArrayNode) root.at("/preprocessing/feature_scaling/scales");
    }

    private static ObjectNode table(ObjectNode root) {
        return (ObjectNode) root.at("/preprocessing/table");
    }

    private static ArrayNode means(ObjectNode root) {
        return (ArrayNode) root.at("/preprocessing/table/means");
    }

    private static ArrayNode categories(ObjectNode root, int column) {
        return (ArrayNode) root.at("/preprocessing/table/categories/" + column);
    }

    private static ArrayNode labels(ObjectNode root) {
        return (ArrayNode) root.at("/preprocessing/labels");
    }

    private static ObjectNode target(ObjectNode root) {
        return (ObjectNode) root.at("/preprocessing/target_scaling");
    }

    private ObjectNode edit(Consumer<ObjectNode> change) {
        ObjectNode root = classifierFiles.jsonTree();
        change.accept(root);
        return root;
    }

    private static void assertRefused(TestModels.Files files, Consumer<ObjectNode> change, String expected) {
        ObjectNode root = files.jsonTree();
        change.accept(root);
        assertRefused(root.toString(), expected);
    }

    private static void assertRefused(JsonNode root, String expected) {
        assertRefused(root.toString(), expected);
    }

    /** Reading the description fails with a message naming the file and containing {@code expected}. */
    private static void assertRefused(String json, String expected) {
        Executable read = () -> ModelReader.readDescription(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), JSON);
        ModelFormatException e = assertThrows(ModelFormatException.class, read);
        assertEquals(JSON, e.file());
        assertTrue(e.getMessage().startsWith(JSON + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    private static void assertWriterRefuses(TrainedModel model, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelWriter(model));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
