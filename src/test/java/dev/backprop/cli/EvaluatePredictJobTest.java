package dev.backprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backprop.cli.JobTestSupport.Example;
import dev.backprop.cli.JobTestSupport.Run;
import dev.backprop.spark.SparkTestContext;
import dev.backprop.tensor.Matrix;
import org.apache.hadoop.conf.Configuration;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.backprop.cli.JobTestSupport.localOutputs;
import static dev.backprop.cli.JobTestSupport.CLASSES;
import static dev.backprop.cli.JobTestSupport.FEATURES;
import static dev.backprop.cli.JobTestSupport.blobs;
import static dev.backprop.cli.JobTestSupport.csvLines;
import static dev.backprop.cli.JobTestSupport.evaluate;
import static dev.backprop.cli.JobTestSupport.libsvmLines;
import static dev.backprop.cli.JobTestSupport.linear;
import static dev.backprop.cli.JobTestSupport.names;
import static dev.backprop.cli.JobTestSupport.predict;
import static dev.backprop.cli.JobTestSupport.train;
import static dev.backprop.cli.JobTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Evaluating and predicting with a model the training job saved: the evaluation's numbers agree with predictions
 * computed here from the loaded model, predictions come back one per input row in input order, outputs are never
 * overwritten, and a corrupted model is refused naming the file.
 */
class EvaluatePredictJobTest {

    @TempDir
    static Path dir;

    private static JavaSparkContext spark;
    private static Path model;
    private static List<Example> testRows;
    private static Path testFile;
    private static final AtomicInteger OUTPUTS = new AtomicInteger();

    @BeforeAll
    static void trainAModel() {
        spark = SparkTestContext.start("EvaluatePredictJobTest");
        Path trainFile = write(dir.resolve("data/train.libsvm.gz"), libsvmLines(blobs(60, 11)));
        testRows = blobs(40, 12);
        // Rows the model gets wrong too, so that the confusion matrix is not only a diagonal.
        testRows.add(new Example(0, new double[]{0, 2.5, 0, 0, 0}));
        testRows.add(new Example(2, new double[]{2.5, 0, 0, 0, 0}));
        testFile = write(dir.resolve("data/test.libsvm.gz"), libsvmLines(testRows));
        model = dir.resolve("model");
        Run run = train(spark, "data.train=" + trainFile, "data.test=", "data.features=" + FEATURES,
                "data.classes=" + CLASSES, "net.hidden=8", "train.epochs=20", "train.learning_rate=0.5",
                "model.out=" + model);
        assertEquals(0, run.code(), run::toString);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Path newPath(String name) {
        return dir.resolve("out-" + OUTPUTS.incrementAndGet()).resolve(name);
    }

    /** The model's outputs (class probabilities or values), one column per row, computed on this JVM. */
    private static int argmax(Matrix m, int column) {
        int best = 0;
        for (int r = 1; r < m.rows(); r++) {
            if (m.get(r, column) > m.get(best, column)) {
                best = r;
            }
        }
        return best;
    }

    /** The rows of the part files of {@code out}, concatenated in part order. */
    private static List<String> partRows(Path out) throws IOException {
        List<Path> parts;
        try (Stream<Path> files = Files.list(out)) {
            parts = files.filter(p -> p.getFileName().toString().startsWith("part-"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).collect(Collectors.toList());
        }
        assertFalse(parts.isEmpty(), "no part files in " + out + ": " + names(out));
        List<String> rows = new ArrayList<>();
        for (Path part : parts) {
            rows.addAll(Files.readAllLines(part));
        }
        return rows;
    }

    // ---- evaluate ---------------------------------------------------------------------------------------------

    @Test
    void evaluatePrintsAccuracyLogLossAndAConfusionMatrixThatAgreeWithTheModel() throws IOException {
        Run run = evaluate(spark, "--model", model.toString(), "--data", testFile.toString());
        assertEquals(0, run.code(), run::toString);
        JsonNode json = run.json();
        assertEquals(testRows.size(), json.get("examples").asLong(), run::toString);

        Matrix probabilities = localOutputs(model, testRows);
        long[][] expected = new long[CLASSES][CLASSES];
        double logLoss = 0;
        for (int j = 0; j < testRows.size(); j++) {
            int actual = (int) testRows.get(j).label();
            expected[actual][argmax(probabilities, j)]++;
            logLoss -= Math.log(probabilities.get(actual, j));
        }
        logLoss /= testRows.size();
        long right = 0;
        for (int k = 0; k < CLASSES; k++) {
            right += expected[k][k];
        }
        double accuracy = (double) right / testRows.size();
        assertTrue(accuracy > 0.9 && accuracy < 1, "the data has two rows the model gets wrong: " + accuracy);
        assertEquals(accuracy, json.get("accuracy").asDouble(), 1e-12, run::toString);
        assertEquals(logLoss, json.get("log_loss").asDouble(), 1e-4 * Math.max(1, logLoss), run::toString);
        assertTrue(run.out().contains("accuracy"), run::toString);
        assertTrue(run.out().contains("log-loss"), run::toString);

        // The confusion matrix: a title, a header of class numbers, then one row per true class.
        List<String> lines = run.lines();
        int title = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("confusion matrix")) {
                title = i;
            }
        }
        assertTrue(title >= 0, "no confusion matrix: " + run);
        assertArrayEquals(new String[]{"0", "1", "2"}, lines.get(title + 1).trim().split("\\s+"), run::toString);
        for (int r = 0; r < CLASSES; r++) {
            String[] cells = lines.get(title + 2 + r).trim().split("\\s+");
            assertEquals(CLASSES + 1, cells.length, run::toString);
            assertEquals(String.valueOf(r), cells[0], run::toString);
            for (int c = 0; c < CLASSES; c++) {
                assertEquals(expected[r][c], Long.parseLong(cells[c + 1]), "confusion[" + r + "][" + c + "]\n" + run);
            }
        }
    }

    @Test
    void evaluateReadsCsvWhenToldHow() {
        Path csv = write(dir.resolve("data/test.csv"), csvLines(testRows, "label"));
        Run run = evaluate(spark, "--model", model.toString(), "--data", csv.toString(), "data.format=csv",
                "data.header=true", "data.label=label");
        assertEquals(0, run.code(), run::toString);
        assertEquals(testRows.size(), run.json().get("examples").asLong(), run::toString);
        Run libsvm = evaluate(spark, "--model", model.toString(), "--data", testFile.toString());
        assertEquals(libsvm.json().get("accuracy").asDouble(), run.json().get("accuracy").asDouble(),
                "the same rows in another format");
    }

    @Test
    void evaluateOfARegressorPrintsRmseAndMae() throws IOException {
        Path regTrain = write(dir.resolve("data/linear.libsvm"), libsvmLines(linear(200, 21)));
        List<Example> rows = linear(50, 22);
        Path regTest = write(dir.resolve("data/linear-test.libsvm"), libsvmLines(rows));
        Path regressor = newPath("regressor");
        Run trained = train(spark, "data.train=" + regTrain, "data.test=", "data.features=" + FEATURES,
                "net.hidden=", "net.output=identity_squared_error", "train.epochs=40", "train.learning_rate=0.9",
                "model.out=" + regressor);
        assertEquals(0, trained.code(), trained::toString);
        Run run = evaluate(spark, "--model", regressor.toString(), "--data", regTest.toString());
        assertEquals(0, run.code(), run::toString);
        JsonNode json = run.json();
        assertEquals(rows.size(), json.get("examples").asLong());
        Matrix predicted = localOutputs(regressor, rows);
        double squared = 0;
        double absolute = 0;
        for (int j = 0; j < rows.size(); j++) {
            double e = predicted.get(0, j) - rows.get(j).label();
            squared += e * e;
            absolute += Math.abs(e);
        }
        assertEquals(Math.sqrt(squared / rows.size()), json.get("rmse").asDouble(), 1e-5, run::toString);
        assertEquals(absolute / rows.size(), json.get("mae").asDouble(), 1e-5, run::toString);
        assertFalse(json.has("accuracy"), run::toString);
        assertTrue(run.out().contains("RMSE") && run.out().contains("MAE"), run::toString);
    }

    @Test
    void aCorruptedWeightsFileIsRefusedNamingIt() throws IOException {
        Path copy = newPath("corrupted");
        Files.createDirectories(copy);
        Files.copy(model.resolve("model.json"), copy.resolve("model.json"));
        byte[] weights = Files.readAllBytes(model.resolve("weights.bin"));
        weights[weights.length / 2] ^= 0x10;
        Files.write(copy.resolve("weights.bin"), weights);
        Run run = evaluate(spark, "--model", copy.toString(), "--data", testFile.toString());
        assertEquals(1, run.code(), run::toString);
        assertTrue(run.err().contains("weights.bin"), run::toString);
        assertFalse(run.out().contains("{"), "no JSON line after a failure: " + run);
    }

    @Test
    void aCorruptedModelDescriptionIsRefusedNamingIt() throws IOException {
        Path copy = newPath("bad-json");
        Files.createDirectories(copy);
        Files.copy(model.resolve("weights.bin"), copy.resolve("weights.bin"));
        String json = Files.readString(model.resolve("model.json"));
        Files.writeString(copy.resolve("model.json"), json.substring(0, json.length() / 2));
        Run run = evaluate(spark, "--model", copy.toString(), "--data", testFile.toString());
        assertEquals(1, run.code(), run::toString);
        assertTrue(run.err().contains(copy.resolve("model.json").toString()), run::toString);
    }

    @Test
    void aMissingModelDirectoryIsRefusedNamingIt() {
        Path missing = dir.resolve("no-model-here");
        Run run = evaluate(spark, "--model", missing.toString(), "--data", testFile.toString());
        assertEquals(1, run.code(), run::toString);
        assertTrue(run.err().contains(missing.toString()), run::toString);
        assertTrue(run.err().contains("no such model directory"), run::toString);
    }

    @Test
    void missingOrUnknownArgumentsAreBadUsage() {
        Run noModel = evaluate(spark, "--data", testFile.toString());
        assertEquals(2, noModel.code(), noModel::toString);
        assertTrue(noModel.err().contains("--model"), noModel::toString);
        Run noData = evaluate(spark, "--model", model.toString());
        assertEquals(2, noData.code(), noData::toString);
        Run dangling = evaluate(spark, "--data", testFile.toString(), "--model");
        assertEquals(2, dangling.code(), dangling::toString);
        assertTrue(dangling.err().contains("--model needs a path"), dangling::toString);
        Run unknown = evaluate(spark, "--model", model.toString(), "--data", testFile.toString(), "--verbose");
        assertEquals(2, unknown.code(), unknown::toString);
        assertTrue(unknown.err().contains("--verbose"), unknown::toString);
        Run out = evaluate(spark, "--model", model.toString(), "--data", testFile.toString(), "--out", "x");
        assertEquals(2, out.code(), out::toString);
        Run badKey = evaluate(spark, "--model", model.toString(), "--data", testFile.toString(), "data.colour=1");
        assertEquals(2, badKey.code(), badKey::toString);
        assertTrue(badKey.err().contains("data.colour"), badKey::toString);
        Run noOut = predict(spark, "--model", model.toString(), "--data", testFile.toString());
        assertEquals(2, noOut.code(), noOut::toString);
        assertTrue(noOut.err().contains("--out"), noOut::toString);
        Run predictNoModel = predict(spark, "--data", testFile.toString(), "--out", newPath("p").toString());
        assertEquals(2, predictNoModel.code(), predictNoModel::toString);
    }

    @Test
    void evaluateReportsABadLineWithFileAndLine() {
        List<String> lines = libsvmLines(testRows);
        lines.set(44, "1 1:0.5 2:x");
        Path bad = write(dir.resolve("data/eval-bad.libsvm.gz"), lines);
        Run run = evaluate(spark, "--model", model.toString(), "--data", bad.toString());
        assertEquals(1, run.code(), run::toString);
        assertTrue(run.err().contains("eval-bad.libsvm.gz") && run.err().contains("line 45:"), run::toString);
    }

    @Test
    void aModelTrainedWithInferredFeaturesRefusesWiderDataNamingFileAndLine() {
        Path inferred = newPath("inferred");
        Path trainFile = dir.resolve("data/train.libsvm.gz");
        Run trained = train(spark, "data.train=" + trainFile, "data.test=", "data.features=0",
                "data.classes=" + CLASSES, "net.hidden=4", "train.epochs=2", "model.out=" + inferred);
        assertEquals(0, trained.code(), trained::toString);
        assertTrue(trained.out().contains("network 5-4-3"), "5 features inferred: " + trained);
        List<String> lines = libsvmLines(testRows);
        lines.set(9, lines.get(9) + " 7:1.5");
        Path wide = write(dir.resolve("data/wide.libsvm"), lines);
        Run run = evaluate(spark, "--model", inferred.toString(), "--data", wide.toString());
        assertEquals(1, run.code(), run::toString);
        assertTrue(run.err().contains("wide.libsvm line 10:") && run.err().contains("feature index 7"),
                run::toString);
        Path out = newPath("wide-predictions");
        Run predicted = predict(spark, "--model", inferred.toString(), "--data", wide.toString(), "--out",
                out.toString());
        assertEquals(1, predicted.code(), predicted::toString);
        assertTrue(predicted.err().contains("wide.libsvm line 10:") && predicted.err().contains("feature index 7"),
                predicted::toString);
        assertFalse(Files.exists(out), "no output");
        if (Files.exists(out.getParent())) {
            assertEquals(List.of(), names(out.getParent()), "no half-written temporary folder left");
        }
    }

    // ---- predict ----------------------------------------------------------------------------------------------

    /** Checks the rows of {@code out} against the model's predictions for {@code rows}, in order. */
    private static void assertPredictions(Path out, List<Example> rows) throws IOException {
        List<String> written = partRows(out);
        assertEquals(rows.size(), written.size(), "one row per input row");
        Matrix probabilities = localOutputs(model, rows);
        for (int j = 0; j < rows.size(); j++) {
            String[] cells = written.get(j).split(",");
            assertEquals(1 + CLASSES, cells.length, written.get(j));
            assertEquals(argmax(probabilities, j), Integer.parseInt(cells[0]), "row " + j + ": " + written.get(j));
            double sum = 0;
            for (int k = 0; k < CLASSES; k++) {
                double p = Double.parseDouble(cells[1 + k]);
                assertEquals(probabilities.get(k, j), p, 1e-6, "row " + j + " class " + k + ": " + written.get(j));
                sum += p;
            }
            assertEquals(1, sum, 1e-5, "row " + j + ": " + written.get(j));
        }
    }

    @Test
    void predictWritesOneRowPerInputRowInInputOrder() throws IOException {
        Path out = newPath("predictions");
        Run run = predict(spark, "--model", model.toString(), "--data", testFile.toString(), "--out",
                out.toString());
        assertEquals(0, run.code(), run::toString);
        assertEquals(testRows.size(), run.json().get("predictions").asLong(), run::toString);
        assertEquals(out.toString(), run.json().get("out").asText());
        assertPredictions(out, testRows);
        assertEquals(List.of("predictions"), names(out.getParent()), "no temporary folder left");
    }

    @Test
    void predictKeepsTheInputOrderAcrossManyPartsOfOneFile() throws IOException {
        // Interleaved classes and a file split into several partitions: part order must be input order.
        List<Example> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            for (int k = 0; k < CLASSES; k++) {
                rows.add(testRows.get(k * 40 + i));
            }
        }
        for (int repeat = 0; repeat < 4; repeat++) {
            rows.addAll(new ArrayList<>(rows.subList(0, 120)));
        }
        Path input = write(dir.resolve("data/interleaved.libsvm"), libsvmLines(rows));
        Configuration conf = spark.hadoopConfiguration();
        String key = "mapreduce.input.fileinputformat.split.maxsize";
        String previous = conf.get(key);
        conf.set(key, "4096");
        Path out = newPath("many-parts");
        try {
            Run run = predict(spark, "--model", model.toString(), "--data", input.toString(), "--out",
                    out.toString());
            assertEquals(0, run.code(), run::toString);
        } finally {
            if (previous == null) {
                conf.unset(key);
            } else {
                conf.set(key, previous);
            }
        }
        long parts = names(out).stream().filter(n -> n.startsWith("part-")).count();
        assertTrue(parts > 3, "the input was read in several splits: " + names(out));
        assertPredictions(out, rows);
    }

    @Test
    void predictKeepsTheOrderOfAFolderOfPartFiles() throws IOException {
        // Data as Spark writes it: a folder of part files, read in name order.
        Path folder = dir.resolve("data/parts");
        List<Example> rows = new ArrayList<>();
        for (int p = 0; p < 12; p++) {
            List<Example> part = blobs(2, 100 + p);
            rows.addAll(part);
            write(folder.resolve(String.format("part-%05d", p)), libsvmLines(part));
        }
        Files.writeString(folder.resolve("_SUCCESS"), "");
        Path out = newPath("from-folder");
        Run run = predict(spark, "--model", model.toString(), "--data", folder.toString(), "--out", out.toString());
        assertEquals(0, run.code(), run::toString);
        // Which input file each run of 6 output rows came from: 0, 1, ..., 11 when the order is kept.
        List<String> written = partRows(out);
        assertEquals(rows.size(), written.size());
        Matrix probabilities = localOutputs(model, rows);
        List<Integer> expectedFiles = new ArrayList<>();
        List<Integer> files = new ArrayList<>();
        for (int p = 0; p < 12; p++) {
            expectedFiles.add(p);
            files.add(closestRow(written.get(6 * p), probabilities) / 6);
        }
        assertEquals(expectedFiles, files, "the input files whose rows the output holds, in output order");
        assertPredictions(out, rows);
    }

    /** The column of {@code probabilities} closest to the probabilities of a written row. */
    private static int closestRow(String row, Matrix probabilities) {
        String[] cells = row.split(",");
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int j = 0; j < probabilities.cols(); j++) {
            double d = 0;
            for (int k = 0; k < CLASSES; k++) {
                d += Math.abs(probabilities.get(k, j) - Double.parseDouble(cells[1 + k]));
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = j;
            }
        }
        return best;
    }

    @Test
    void predictRefusesAnExistingOutputAndChangesNothing() throws IOException {
        Path out = newPath("existing");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "precious");
        Run run = predict(spark, "--model", model.toString(), "--data", testFile.toString(), "--out",
                out.toString());
        assertTrue(run.code() == 1 || run.code() == 2, run::toString);
        assertTrue(run.err().contains(out.toString()), run::toString);
        assertEquals(List.of("keep.txt"), names(out));
        assertEquals("precious", Files.readString(out.resolve("keep.txt")));
        assertEquals(List.of("existing"), names(out.getParent()), "nothing written next to it");
    }

    @Test
    void predictWithACorruptedModelFailsAndWritesNothing() throws IOException {
        Path copy = newPath("corrupted-for-predict");
        Files.createDirectories(copy);
        Files.copy(model.resolve("model.json"), copy.resolve("model.json"));
        byte[] weights = Files.readAllBytes(model.resolve("weights.bin"));
        weights[weights.length - 1] ^= 0x01;
        Files.write(copy.resolve("weights.bin"), weights);
        Path out = newPath("never");
        Run run = predict(spark, "--model", copy.toString(), "--data", testFile.toString(), "--out",
                out.toString());
        assertEquals(1, run.code(), run::toString);
        assertTrue(run.err().contains("weights.bin"), run::toString);
        assertFalse(Files.exists(out.getParent()), "nothing written");
    }
}
