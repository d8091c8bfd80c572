package dev.backprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backprop.cli.JobTestSupport.Example;
import dev.backprop.cli.JobTestSupport.Run;
import dev.backprop.metrics.ClassificationMetrics;
import dev.backprop.spark.SparkTestContext;
import dev.backprop.tensor.Matrix;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

import static dev.backprop.cli.JobTestSupport.localOutputs;
import static dev.backprop.cli.JobTestSupport.FEATURES;
import static dev.backprop.cli.JobTestSupport.blobs;
import static dev.backprop.cli.JobTestSupport.evaluate;
import static dev.backprop.cli.JobTestSupport.libsvmLines;
import static dev.backprop.cli.JobTestSupport.linear;
import static dev.backprop.cli.JobTestSupport.train;
import static dev.backprop.cli.JobTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The evaluation job's task-fitting metrics end to end: per-class precision, recall and F1 with macro averages and
 * ROC AUC for a binary classifier, R^2 for a regressor, printed and in the final JSON line, in agreement with the
 * same metrics computed here from the saved model's outputs.
 */
class EvaluateMetricsJobTest {

    @TempDir
    static Path dir;

    private static JavaSparkContext spark;
    private static Path binaryModel;
    private static List<Example> binaryRows;
    private static Path binaryTest;

    /** Classes 0 and 1 of the blobs: a binary problem. */
    private static List<Example> binary(int perClass, long seed) {
        return blobs(perClass, seed).stream().filter(e -> e.label() < 2).collect(Collectors.toList());
    }

    @BeforeAll
    static void trainABinaryClassifier() {
        spark = SparkTestContext.start("EvaluateMetricsJobTest");
        Path trainFile = write(dir.resolve("data/binary-train.libsvm"), libsvmLines(binary(60, 31)));
        binaryRows = binary(40, 32);
        // Rows on the wrong side, so that neither the confusion matrix nor the AUC is perfect.
        binaryRows.add(new Example(0, new double[]{0, 1.6, 0, 0, 0}));
        binaryRows.add(new Example(1, new double[]{1.4, 0.2, 0, 0, 0}));
        binaryRows.add(new Example(1, new double[]{2.0, 0.4, 0, 0, 0}));
        binaryTest = write(dir.resolve("data/binary-test.libsvm"), libsvmLines(binaryRows));
        binaryModel = dir.resolve("binary-model");
        Run run = train(spark, "data.train=" + trainFile, "data.test=", "data.features=" + FEATURES,
                "data.classes=2", "net.hidden=", "net.output=sigmoid_binary_cross_entropy", "train.epochs=15",
                "train.learning_rate=0.5", "model.out=" + binaryModel);
        assertEquals(0, run.code(), run::toString);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** The model's outputs for {@code rows}, one column per row, computed on this JVM. */
    private static List<String> keys(JsonNode json) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }

    @Test
    void aBinaryClassifierGetsPerClassMetricsMacroAveragesAndAuc() throws IOException {
        Run run = evaluate(spark, "--model", binaryModel.toString(), "--data", binaryTest.toString());
        assertEquals(0, run.code(), run::toString);
        JsonNode json = run.json();
        assertEquals(List.of("accuracy", "log_loss", "macro_precision", "macro_recall", "macro_f1",
                "weighted_precision", "weighted_recall", "weighted_f1", "auc", "examples", "model_path", "data",
                "seconds"), keys(json), run::toString);

        Matrix p = localOutputs(binaryModel, binaryRows);
        long[][] confusion = new long[2][2];
        double logLoss = 0;
        double right = 0;
        long pairs = 0;
        for (int j = 0; j < binaryRows.size(); j++) {
            int actual = (int) binaryRows.get(j).label();
            double score = p.get(0, j);
            confusion[actual][score >= 0.5 ? 1 : 0]++;
            logLoss -= Math.log(actual == 1 ? score : 1 - score);
            for (int i = 0; i < binaryRows.size(); i++) {
                if (actual == 1 && binaryRows.get(i).label() == 0) {
                    pairs++;
                    double d = score - p.get(0, i);
                    right += d > 0 ? 1 : d == 0 ? 0.5 : 0;
                }
            }
        }
        ClassificationMetrics expected = ClassificationMetrics.of(confusion);
        double exactAuc = right / pairs;
        assertTrue(expected.accuracy() > 0.9 && expected.accuracy() < 1, "not perfect: " + expected.accuracy());
        assertTrue(exactAuc > 0.9 && exactAuc < 1, "not perfect: " + exactAuc);
        assertEquals(binaryRows.size(), json.get("examples").asLong());
        assertEquals(expected.accuracy(), json.get("accuracy").asDouble(), 1e-12, run::toString);
        assertEquals(logLoss / binaryRows.size(), json.get("log_loss").asDouble(), 1e-4, run::toString);
        assertEquals(expected.macroPrecision(), json.get("macro_precision").asDouble(), 1e-12, run::toString);
        assertEquals(expected.macroRecall(), json.get("macro_recall").asDouble(), 1e-12, run::toString);
        assertEquals(expected.macroF1(), json.get("macro_f1").asDouble(), 1e-12, run::toString);
        assertEquals(expected.weightedF1(), json.get("weighted_f1").asDouble(), 1e-12, run::toString);
        assertEquals(exactAuc, json.get("auc").asDouble(), 1e-4, run::toString);

        // The table: a header, one row per class (precision, recall, f1, support), then the two averages.
        List<String> lines = run.lines();
        int header = lines.indexOf(lines.stream().filter(l -> l.trim().startsWith("class")).findFirst()
                .orElseThrow(() -> new AssertionError("no per-class table\n" + run)));
        assertEquals(List.of("class", "precision", "recall", "f1", "support"),
                List.of(lines.get(header).trim().split("\\s+")), run::toString);
        for (int k = 0; k < 2; k++) {
            String[] cells = lines.get(header + 1 + k).trim().split("\\s+");
            assertEquals(String.valueOf(k), cells[0], run::toString);
            assertEquals(expected.precision(k), Double.parseDouble(cells[1]), 5e-5, run::toString);
            assertEquals(expected.recall(k), Double.parseDouble(cells[2]), 5e-5, run::toString);
            assertEquals(expected.f1(k), Double.parseDouble(cells[3]), 5e-5, run::toString);
            assertEquals(expected.support(k), Long.parseLong(cells[4]), run::toString);
        }
        assertTrue(lines.get(header + 3).trim().startsWith("macro avg"), run::toString);
        assertTrue(lines.get(header + 4).trim().startsWith("weighted avg"), run::toString);
        assertTrue(run.out().contains("ROC AUC "), run::toString);
        assertTrue(run.out().contains("confusion matrix"), run::toString);
    }

    @Test
    void dataOfOneClassHasNoAucAndSaysWhy() {
        List<Example> ones = binaryRows.stream().filter(e -> e.label() == 1).collect(Collectors.toList());
        Path file = write(dir.resolve("data/only-ones.libsvm"), libsvmLines(ones));
        Run run = evaluate(spark, "--model", binaryModel.toString(), "--data", file.toString());
        assertEquals(0, run.code(), run::toString);
        JsonNode json = run.json();
        assertTrue(json.has("auc") && json.get("auc").isNull(), run::toString);
        assertTrue(run.out().contains("ROC AUC undefined"), run::toString);
        assertTrue(json.get("macro_f1").isNumber(), run::toString);
    }

    @Test
    void aRegressorGetsRmseMaeAndR2() throws IOException {
        Path trainFile = write(dir.resolve("data/linear.libsvm"), libsvmLines(linear(200, 41)));
        List<Example> rows = linear(60, 42);
        Path testFile = write(dir.resolve("data/linear-test.libsvm"), libsvmLines(rows));
        Path model = dir.resolve("regressor");
        Run trained = train(spark, "data.train=" + trainFile, "data.test=", "data.features=" + FEATURES,
                "net.hidden=", "net.output=identity_squared_error", "train.epochs=15", "train.learning_rate=0.9",
                "model.out=" + model);
        assertEquals(0, trained.code(), trained::toString);
        Run run = evaluate(spark, "--model", model.toString(), "--data", testFile.toString());
        assertEquals(0, run.code(), run::toString);
        JsonNode json = run.json();
        assertEquals(List.of("rmse", "mae", "r2", "examples", "model_path", "data", "seconds"), keys(json),
                run::toString);
        Matrix p = localOutputs(model, rows);
        double mean = rows.stream().mapToDouble(Example::label).average().orElseThrow();
        double sse = 0;
        double sae = 0;
        double sst = 0;
        for (int j = 0; j < rows.size(); j++) {
            double t = rows.get(j).label();
            sse += (p.get(0, j) - t) * (p.get(0, j) - t);
            sae += Math.abs(p.get(0, j) - t);
            sst += (t - mean) * (t - mean);
        }
        assertEquals(Math.sqrt(sse / rows.size()), json.get("rmse").asDouble(), 1e-5, run::toString);
        assertEquals(sae / rows.size(), json.get("mae").asDouble(), 1e-5, run::toString);
        assertEquals(1 - sse / sst, json.get("r2").asDouble(), 1e-5, run::toString);
        assertTrue(run.out().contains("R^2"), run::toString);
        assertFalse(json.has("accuracy"), run::toString);
    }
}
