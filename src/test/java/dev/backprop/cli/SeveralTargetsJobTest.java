package dev.backprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backprop.cli.JobTestSupport.Example;
import dev.backprop.cli.JobTestSupport.Run;
import dev.backprop.spark.SparkTestContext;
import dev.backprop.tensor.Matrix;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.backprop.cli.JobTestSupport.evaluate;
import static dev.backprop.cli.JobTestSupport.localOutputs;
import static dev.backprop.cli.JobTestSupport.predict;
import static dev.backprop.cli.JobTestSupport.round4;
import static dev.backprop.cli.JobTestSupport.train;
import static dev.backprop.cli.JobTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression with two target columns through the jobs: {@code data.label=y1,y2} trains a network of two outputs to
 * a small error on each target, in its own units; the JSON lines add per-target metrics; the model stores both
 * target columns and scalings; evaluate and predict give each target on its original scale. A classification
 * with several label columns, an unknown column, a target that is also ignored or the weight, LIBSVM with several
 * labels and a missing target cell are refused naming the key, or the file, line and column. A single target keeps
 * its JSON keys and model format.
 */
class SeveralTargetsJobTest {

    private static final String HEADER = "id,x0,y1,zone,x1,x2,y2,w";
    private static final int EPOCHS = 150;

    @TempDir
    static Path dir;

    private static JavaSparkContext spark;
    private static List<Row> trainRows;
    private static List<Row> testRows;
    private static Path trainFile;
    private static Path testFile;
    private static final AtomicInteger OUTPUTS = new AtomicInteger();

    /**
     * One table row: features x0, x1, x2 uniform in [-1, 1] and zone north or south; targets
     * {@code y1 = 2 x0 - x1 + 1} and {@code y2 = 500 + 100 x2 + 50 (north ? 1 : -1) - 40 x1}, in units two orders of
     * magnitude apart; a row weight of 1 or 2.
     */
    private record Row(int id, double x0, double x1, double x2, boolean north, double weight) {
        double y1() {
            return 2 * x0 - x1 + 1;
        }

        double y2() {
            return 500 + 100 * x2 + 50 * (north ? 1 : -1) - 40 * x1;
        }

        String line() {
            return id + "," + x0 + "," + round4(y1()) + "," + (north ? "north" : "south") + "," + x1 + "," + x2 + ","
                    + round4(y2()) + "," + (weight == 1 ? "1" : "2");
        }

        /** The network's raw inputs: x0, x1 and x2 with zone one-hot encoded in its place (north, south). */
        Example networkInputs() {
            return new Example(0, new double[] {x0, north ? 1 : 0, north ? 0 : 1, x1, x2});
        }
    }

    private static List<Row> rows(int n, long seed) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new Row(i, round4(2 * random.nextDouble() - 1), round4(2 * random.nextDouble() - 1),
                    round4(2 * random.nextDouble() - 1), random.nextBoolean(), i % 4 == 0 ? 2 : 1));
        }
        return rows;
    }

    private static List<String> lines(List<Row> rows) {
        List<String> lines = new ArrayList<>(List.of(HEADER));
        rows.forEach(r -> lines.add(r.line()));
        return lines;
    }

    @BeforeAll
    static void start() {
        spark = SparkTestContext.start("SeveralTargetsJobTest");
        trainRows = rows(400, 31);
        testRows = rows(80, 32);
        trainFile = write(dir.resolve("data/targets-train.csv"), lines(trainRows));
        testFile = write(dir.resolve("data/targets-test.csv"), lines(testRows));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Path newPath(String name) {
        return dir.resolve("out-" + OUTPUTS.incrementAndGet()).resolve(name);
    }

    /**
     * A regression of the generated table with targets y1, y2, ids ignored, zone categorical and w the row weight;
     * {@code changes} ({@code key=value}) replace or add settings.
     */
    private static String[] twoTargets(Path train, Path model, String... changes) {
        List<String> args = new ArrayList<>(List.of("task=regression", "data.format=csv", "data.header=true",
                "data.label=y1,y2", "data.ignore=id", "data.categorical=zone", "data.weight=w", "data.scale=standard",
                "data.train=" + train, "data.test=" + testFile, "net.hidden=8", "net.activation=relu",
                "train.epochs=" + EPOCHS, "train.learning_rate=0.5", "train.l2=0", "train.precision=double",
                "model.out=" + model));
        for (String change : changes) {
            String key = change.substring(0, change.indexOf('=') + 1);
            args.removeIf(arg -> arg.startsWith(key));
            args.add(change);
        }
        return args.toArray(new String[0]);
    }

    private static void assertErrContains(Run run, String... parts) {
        for (String part : parts) {
            assertTrue(run.err().contains(part), "expected '" + part + "' in the error:\n" + run);
        }
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** The rows of the part files of {@code out}, concatenated in part order. */
    private static List<String> partRows(Path out) throws IOException {
        List<Path> parts;
        try (Stream<Path> files = Files.list(out)) {
            parts = files.filter(p -> p.getFileName().toString().startsWith("part-"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).collect(Collectors.toList());
        }
        List<String> rows = new ArrayList<>();
        for (Path part : parts) {
            rows.addAll(Files.readAllLines(part));
        }
        return rows;
    }

    @Test
    void twoTargetsTrainToASmallErrorOnEachAndEvaluateAndPredictOnTheirOwnScales() throws IOException {
        Path model = newPath("two-targets");
        Run run = train(spark, twoTargets(trainFile, model));
        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().contains("targets (2): y1, y2"), run::toString);
        assertTrue(run.out().contains("network 5-8-2 relu identity_squared_error"), run::toString);
        assertTrue(run.out().contains("targets standardized (y1: mean "), run::toString);
        assertTrue(run.out().contains("target         RMSE") && run.out().contains("\n    y2 "),
                "a table per target:\n" + run);

        JsonNode json = run.json();
        JsonNode rmse = json.get("test_rmse_by_target");
        assertEquals(List.of("y1", "y2"), keys(rmse), run.lastLine());
        // Standard deviations: y1 about 1.3, y2 about 80; the errors are small against each, in its own units.
        assertTrue(rmse.get("y1").asDouble() < 0.1, run::toString);
        assertTrue(rmse.get("y2").asDouble() < 6, run::toString);
        assertTrue(rmse.get("y2").asDouble() > rmse.get("y1").asDouble(), "each in its own units: " + run.lastLine());
        assertTrue(json.get("test_r2_by_target").get("y1").asDouble() > 0.99, run.lastLine());
        assertTrue(json.get("test_r2_by_target").get("y2").asDouble() > 0.99, run.lastLine());
        assertEquals((rmse.get("y1").asDouble() + rmse.get("y2").asDouble()) / 2, json.get("test_rmse").asDouble(),
                1e-12, "the overall RMSE is the mean over targets: " + run.lastLine());
        assertEquals((json.get("test_r2_by_target").get("y1").asDouble()
                + json.get("test_r2_by_target").get("y2").asDouble()) / 2, json.get("test_r2").asDouble(), 1e-12);
        for (String key : List.of("train_rmse", "train_mae", "train_r2", "train_rmse_by_target",
                "train_mae_by_target", "train_r2_by_target", "test_mae_by_target")) {
            assertTrue(json.has(key), key + " missing: " + run.lastLine());
        }

        JsonNode stored = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        assertEquals(3, stored.get("version").intValue());
        assertEquals("[\"y1\",\"y2\"]", stored.at("/preprocessing/table/label_columns").toString());
        JsonNode offsets = stored.at("/preprocessing/target_scaling/offsets");
        assertEquals(2, offsets.size());
        assertTrue(Math.abs(offsets.get(1).asDouble() - 500) < 20, "y2's training mean: " + offsets);
        assertEquals(rmse.get("y2").asDouble(), stored.at("/training/test_rmse_by_target.y2").asDouble(), 0);

        Run evaluated = evaluate(spark, "--model", model.toString(), "--data", testFile.toString());
        assertEquals(0, evaluated.code(), evaluated::toString);
        JsonNode e = evaluated.json();
        for (String target : List.of("y1", "y2")) {
            double expected = rmse.get(target).asDouble();
            assertEquals(expected, e.get("rmse_by_target").get(target).asDouble(), 1e-9 * expected, target);
        }
        assertEquals(json.get("test_r2").asDouble(), e.get("r2").asDouble(), 1e-9);
        assertEquals(List.of("rmse", "mae", "r2", "rmse_by_target", "mae_by_target", "r2_by_target", "examples"),
                keys(e).subList(0, 7));

        Path out = newPath("predictions");
        Run predicted = predict(spark, "--model", model.toString(), "--data", testFile.toString(), "--out",
                out.toString());
        assertEquals(0, predicted.code(), predicted::toString);
        assertTrue(predicted.out().contains("columns: y1,y2"), predicted::toString);
        assertEquals("[\"y1\",\"y2\"]", predicted.json().get("columns").toString());
        List<String> rows = partRows(out);
        assertEquals(testRows.size(), rows.size());
        List<Example> inputs = testRows.stream().map(Row::networkInputs).collect(Collectors.toList());
        Matrix expected = localOutputs(model, inputs);
        double[] squaredErrors = new double[2];
        for (int j = 0; j < rows.size(); j++) {
            String[] cells = rows.get(j).split(",");
            assertEquals(2, cells.length, rows.get(j));
            double y1 = Double.parseDouble(cells[0]);
            double y2 = Double.parseDouble(cells[1]);
            assertEquals(expected.get(0, j), y1, 1e-9 * Math.max(1, Math.abs(y1)), "row " + j);
            assertEquals(expected.get(1, j), y2, 1e-9 * Math.abs(y2), "row " + j);
            squaredErrors[0] += Math.pow(y1 - round4(testRows.get(j).y1()), 2);
            squaredErrors[1] += Math.pow(y2 - round4(testRows.get(j).y2()), 2);
        }
        // The predictions, on the original scales, have the errors the evaluation reported.
        assertEquals(rmse.get("y1").asDouble(), Math.sqrt(squaredErrors[0] / rows.size()), 1e-9);
        assertEquals(rmse.get("y2").asDouble(), Math.sqrt(squaredErrors[1] / rows.size()), 1e-7);
    }

    @Test
    void aSingleTargetKeepsItsJsonKeysAndModelFormat() throws IOException {
        Path model = newPath("one-target");
        Run run = train(spark, twoTargets(trainFile, model, "data.label=y2", "data.ignore=id,y1", "train.epochs=5"));
        assertEquals(0, run.code(), run::toString);
        JsonNode json = run.json();
        assertTrue(json.has("test_rmse") && json.has("train_r2"), run.lastLine());
        for (String key : keys(json)) {
            assertFalse(key.endsWith("_by_target"), "no per-target keys for one target: " + run.lastLine());
        }
        assertFalse(run.out().contains("targets ("), run::toString);
        JsonNode stored = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        assertEquals(2, stored.get("version").intValue());
        assertEquals("y2", stored.at("/preprocessing/table/label_column").textValue());
        assertTrue(stored.at("/preprocessing/target_scaling/offset").isNumber(), stored.toString());

        Path out = newPath("one-target-predictions");
        Run predicted = predict(spark, "--model", model.toString(), "--data", testFile.toString(), "--out",
                out.toString());
        assertEquals(0, predicted.code(), predicted::toString);
        assertFalse(predicted.json().has("columns"), predicted.lastLine());
        assertEquals(1, partRows(out).get(0).split(",").length);
    }

    @Test
    void aClassificationWithSeveralLabelColumnsIsRefusedNamingTheKey() {
        Run run = train(spark, twoTargets(trainFile, newPath("never"), "task=classification"));
        assertEquals(2, run.code(), run::toString);
        assertErrContains(run, "data.label=y1,y2 names 2 columns, but task=classification has one label column;"
                + " several target columns are for task=regression");
        Run classes = train(spark, twoTargets(trainFile, newPath("never"), "data.labels=a,b"));
        assertEquals(2, classes.code(), classes::toString);
        assertErrContains(classes, "data.labels=a,b gives classes, but data.label=y1,y2 names several target"
                + " columns of a regression");
    }

    @Test
    void anUnknownTargetColumnIsRefusedListingTheColumns() {
        Run run = train(spark, twoTargets(trainFile, newPath("never"), "data.label=y1,y3"));
        assertEquals(2, run.code(), run::toString);
        assertErrContains(run, "CSV label column 'y3' is not in the header of", "targets-train.csv",
                "its columns are 'id', 'x0', 'y1'");
    }

    @Test
    void aTargetColumnThatIsAlsoIgnoredOrTheWeightIsRefusedNamingTheKeys() {
        Run ignored = train(spark, twoTargets(trainFile, newPath("never"), "data.ignore=id,y2"));
        assertEquals(2, ignored.code(), ignored::toString);
        assertErrContains(ignored, "column 'y2' (index 6)", "is both a label column (data.label) and ignored"
                + " (data.ignore)");
        Run weight = train(spark, twoTargets(trainFile, newPath("never"), "data.weight=y1"));
        assertEquals(2, weight.code(), weight::toString);
        assertErrContains(weight, "column 'y1' (index 2)", "is both a label column (data.label) and the weight"
                + " column (data.weight)");
        Run categorical = train(spark, twoTargets(trainFile, newPath("never"), "data.categorical=zone,y1"));
        assertEquals(2, categorical.code(), categorical::toString);
        assertErrContains(categorical, "is declared categorical (data.categorical) but is a label column"
                + " (data.label)");
    }

    @Test
    void severalLabelsInLibsvmAreRefused() {
        Path libsvm = write(dir.resolve("data/two.libsvm"), List.of("1 1:0.5", "2 1:0.25"));
        Run run = train(spark, "task=regression", "data.train=" + libsvm, "data.test=", "data.features=1",
                "data.label=0,1", "model.out=" + newPath("never"));
        assertEquals(2, run.code(), run::toString);
        assertErrContains(run, "data.label=0,1 names several target columns, which needs data.format=csv: a LIBSVM"
                + " row has one label");
    }

    @Test
    void aMissingTargetCellIsReportedWithFileLineAndColumn() {
        List<String> lines = lines(trainRows.subList(0, 50));
        lines.set(31, lines.get(31).replaceFirst(",[^,]*,([^,]*)$", ",,$1")); // line 32: y2 empty, weight kept
        Path bad = write(dir.resolve("data/missing-target.csv"), lines);
        Run run = train(spark, twoTargets(bad, newPath("never"), "data.test=", "data.missing=mean"));
        assertEquals(1, run.code(), run::toString);
        assertErrContains(run, "missing-target.csv line 32: label column 'y2' (index 6): missing value (empty cell);"
                + " every row needs a value in each of the 2 label columns");
    }
}
