package dev.backprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backprop.cli.JobTestSupport.Example;
import dev.backprop.cli.JobTestSupport.Run;
import dev.backprop.model.TrainedModel;
import dev.backprop.spark.ModelStore;
import dev.backprop.spark.SparkTestContext;
import dev.backprop.tensor.Precision;
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
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.backprop.cli.JobTestSupport.CLASSES;
import static dev.backprop.cli.JobTestSupport.FEATURES;
import static dev.backprop.cli.JobTestSupport.blobs;
import static dev.backprop.cli.JobTestSupport.concat;
import static dev.backprop.cli.JobTestSupport.csvLines;
import static dev.backprop.cli.JobTestSupport.libsvmLines;
import static dev.backprop.cli.JobTestSupport.linear;
import static dev.backprop.cli.JobTestSupport.names;
import static dev.backprop.cli.JobTestSupport.train;
import static dev.backprop.cli.JobTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The training job end to end on a shared {@code local[2]} context: small generated data (LIBSVM gzipped and CSV,
 * sorted by label), one line per epoch, the final JSON line, the saved model; bad configuration (exit 2) and bad
 * data (exit 1) with messages naming the key or the file and line; identical weights for the same seed.
 */
class TrainJobTest {

    private static final int PER_CLASS = 100;
    private static final int EPOCHS = 30;
    private static final List<String> REQUIRED_KEYS = List.of("test_accuracy", "train_accuracy", "final_loss",
            "epochs", "load_seconds", "train_seconds", "total_seconds", "examples", "partitions", "model_path");

    @TempDir
    static Path dir;

    private static JavaSparkContext spark;
    private static Path trainFile;
    private static Path testFile;
    private static final AtomicInteger OUTPUTS = new AtomicInteger();

    @BeforeAll
    static void start() {
        spark = SparkTestContext.start("TrainJobTest");
        trainFile = write(dir.resolve("data/train.libsvm.gz"), libsvmLines(blobs(PER_CLASS, 1)));
        testFile = write(dir.resolve("data/test.libsvm.gz"), libsvmLines(blobs(30, 2)));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** A new, not yet existing path under the class's temporary folder. */
    private static Path newPath(String name) {
        return dir.resolve("out-" + OUTPUTS.incrementAndGet()).resolve(name);
    }

    /** The keys of a small classification run on the generated LIBSVM files, then {@code more}. */
    private static String[] classification(Path modelOut, String... more) {
        return concat(new String[]{
                "data.train=" + trainFile, "data.test=" + testFile, "data.features=" + FEATURES,
                "data.classes=" + CLASSES, "net.hidden=8", "train.epochs=" + EPOCHS, "train.learning_rate=0.5",
                "model.out=" + modelOut}, more);
    }

    private static void assertSuccess(Run run) {
        assertEquals(0, run.code(), run::toString);
    }

    /** Checks the epoch lines, the JSON line's keys and its consistency; returns the JSON. */
    private static JsonNode checkTrainingOutput(Run run, int epochs, long examples, Path modelOut) {
        assertSuccess(run);
        List<String> epochLines = run.epochLines();
        assertEquals(epochs, epochLines.size(), run::toString);
        for (int e = 0; e < epochs; e++) {
            assertEquals(String.valueOf(e + 1), epochLines.get(e).trim().split("\\s+")[0], run::toString);
        }
        JsonNode json = run.json();
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        for (String key : REQUIRED_KEYS) {
            if (!key.equals("test_accuracy") && !key.equals("train_accuracy")) {
                assertTrue(json.has(key), "JSON line lacks " + key + ": " + run.lastLine());
            }
        }
        assertEquals(epochs, json.get("epochs").asInt(), run.lastLine());
        assertEquals(examples, json.get("examples").asLong(), run.lastLine());
        assertEquals(2, json.get("partitions").asInt(), "local[2] has default parallelism 2: " + run.lastLine());
        assertEquals(modelOut.toString(), json.get("model_path").asText());
        double load = json.get("load_seconds").asDouble();
        double trainSeconds = json.get("train_seconds").asDouble();
        double total = json.get("total_seconds").asDouble();
        assertTrue(load >= 0 && trainSeconds >= 0, run.lastLine());
        // Consistency, not speed: the parts are within the whole (each rounded to the millisecond).
        assertTrue(load + trainSeconds <= total + 0.002, "load + train > total: " + run.lastLine());
        double median = json.get("median_epoch_seconds").asDouble();
        assertTrue(median > 0 && median <= trainSeconds + 0.001, "median epoch outside the loop: " + run.lastLine());
        double outside = json.get("outside_kernels_share").asDouble();
        assertTrue(outside >= 0 && outside < 1, "share outside the kernels: " + run.lastLine());
        // The cached blocks hold at least every feature of every example as a float.
        assertTrue(json.get("cached_bytes").asLong() >= examples * FEATURES * Float.BYTES, run.lastLine());
        double finalLoss = json.get("final_loss").asDouble();
        assertTrue(Double.isFinite(finalLoss) && finalLoss >= 0, run.lastLine());
        assertTrue(Files.isRegularFile(modelOut.resolve("model.json")), "no model.json in " + modelOut);
        assertTrue(Files.isRegularFile(modelOut.resolve("weights.bin")), "no weights.bin in " + modelOut);
        assertEquals(List.of(modelOut.getFileName().toString()), names(modelOut.getParent()),
                "nothing but the model is left next to it");
        return json;
    }

    private static double firstEpochLoss(Run run) {
        return Double.parseDouble(run.epochLines().get(0).trim().split("\\s+")[1]);
    }

    // ---- training that works --------------------------------------------------------------------------------

    @Test
    void trainsOnGzippedLibsvmSortedByLabel() throws IOException {
        Path model = newPath("m");
        Run run = train(spark, classification(model));
        JsonNode json = checkTrainingOutput(run, EPOCHS, 3L * PER_CLASS, model);
        for (String key : REQUIRED_KEYS) {
            assertTrue(json.has(key), "JSON line lacks " + key + ": " + run.lastLine());
        }
        assertTrue(json.get("test_accuracy").asDouble() >= 0.95, run::toString);
        assertTrue(json.get("train_accuracy").asDouble() >= 0.95, run::toString);
        assertEquals(90, json.get("test_examples").asLong(), run.lastLine());
        assertTrue(json.get("final_loss").asDouble() < firstEpochLoss(run), "the loss went down: " + run);
        assertEquals("", run.err(), "a successful run prints no error");
        // Every epoch line has the test accuracy (train.eval_every defaults to 1).
        for (String line : run.epochLines()) {
            assertFalse(line.contains(" - "), "test column missing: " + line);
        }

        TrainedModel saved = ModelStore.load(model.toString(), new Configuration());
        assertEquals(FEATURES, saved.spec().inputs());
        assertEquals(CLASSES, saved.spec().outputs());
        assertArrayEquals(new int[]{FEATURES, 8, CLASSES}, saved.spec().layerSizes());
        assertEquals(Precision.FLOAT, saved.precision());
        assertEquals(json.get("test_accuracy").asDouble(), ((Number) saved.training().get("test_accuracy"))
                .doubleValue(), "the model records the accuracy the JSON line reports");
        assertEquals(3L * PER_CLASS, ((Number) saved.training().get("examples")).longValue());
    }

    @Test
    void reportsThePartitionsTheDataHasNotThoseAskedFor() {
        // One gzipped file cannot be split; unshuffled, it stays one partition although local[2] would give two.
        Path model = newPath("m");
        Run run = train(spark, classification(model, "train.shuffle=false", "train.epochs=2"));
        assertSuccess(run);
        assertEquals(1, run.json().get("partitions").asInt(), run.lastLine());
    }

    @Test
    void trainsOnCsvWithAHeaderAndTheLabelColumnByNameInTheMiddle() {
        Path csvTrain = write(dir.resolve("data/train.csv"), csvLines(blobs(PER_CLASS, 3), "species"));
        Path csvTest = write(dir.resolve("data/test.csv"), csvLines(blobs(20, 4), "species"));
        Path model = newPath("csv-model");
        Run run = train(spark, "data.train=" + csvTrain, "data.test=" + csvTest, "data.format=csv",
                "data.header=true", "data.label=species", "data.features=" + FEATURES, "data.classes=" + CLASSES,
                "net.hidden=8", "train.epochs=" + EPOCHS, "train.learning_rate=0.5", "model.out=" + model);
        JsonNode json = checkTrainingOutput(run, EPOCHS, 3L * PER_CLASS, model);
        assertTrue(json.get("test_accuracy").asDouble() >= 0.95, run::toString);
        assertTrue(json.get("train_accuracy").asDouble() >= 0.95, run::toString);
        assertEquals(60, json.get("test_examples").asLong(), "the header is not an example: " + run.lastLine());
    }

    /** {@code lines} (a header and CSV rows) with a weight column "w" appended: the header, then {@code weight(i)}. */
    private static List<String> withWeights(List<String> lines, java.util.function.IntFunction<String> weight) {
        List<String> weighted = new ArrayList<>();
        weighted.add(lines.get(0) + ",w");
        for (int i = 1; i < lines.size(); i++) {
            weighted.add(lines.get(i) + "," + weight.apply(i));
        }
        return weighted;
    }

    private static String[] csvWeighted(Path train, Path test, Path model, String... more) {
        return concat(new String[]{"data.train=" + train, "data.test=" + test, "data.format=csv",
                "data.header=true", "data.label=species", "data.classes=" + CLASSES, "net.hidden=8",
                "train.epochs=" + EPOCHS, "train.learning_rate=0.5", "train.precision=double", "model.out=" + model},
                more);
    }

    @Test
    void trainsOnCsvWithAWeightColumnThatIsNotAFeature() {
        List<String> trainLines = csvLines(blobs(PER_CLASS, 3), "species");
        List<String> testLines = csvLines(blobs(20, 4), "species");
        Path plainTrain = write(dir.resolve("data/w-plain-train.csv"), trainLines);
        Path plainTest = write(dir.resolve("data/w-plain-test.csv"), testLines);
        Path onesTrain = write(dir.resolve("data/w-ones-train.csv"), withWeights(trainLines, i -> "1"));
        Path onesTest = write(dir.resolve("data/w-ones-test.csv"), withWeights(testLines, i -> "1.0"));
        Path weightedTrain = write(dir.resolve("data/w-train.csv"),
                withWeights(trainLines, i -> i % 4 == 0 ? "0" : i % 3 == 0 ? "2.5" : "1"));

        Run plain = train(spark, csvWeighted(plainTrain, plainTest, newPath("w-plain")));
        assertSuccess(plain);
        Path onesModel = newPath("w-ones");
        Run ones = train(spark, csvWeighted(onesTrain, onesTest, onesModel, "data.weight=w"));
        checkTrainingOutput(ones, EPOCHS, 3L * PER_CLASS, onesModel);
        assertTrue(ones.out().contains("network 5-8-3"), "the weight column is not a feature:\n" + ones);
        assertEquals(plain.json().get("final_loss").asDouble(), ones.json().get("final_loss").asDouble(), 0,
                "weights of 1 train exactly as no weights");
        assertEquals(plain.json().get("test_accuracy").asDouble(), ones.json().get("test_accuracy").asDouble(), 0);

        Path model = newPath("w-weighted");
        Run weighted = train(spark, csvWeighted(weightedTrain, onesTest, model, "data.weight=w"));
        JsonNode json = checkTrainingOutput(weighted, EPOCHS, 3L * PER_CLASS, model);
        assertTrue(json.get("test_accuracy").asDouble() >= 0.9, weighted::toString);
        assertTrue(json.get("final_loss").asDouble() != plain.json().get("final_loss").asDouble(),
                "the weights changed nothing:\n" + weighted);

        // evaluate reads the stored data.weight; data without the column is read with data.weight= given.
        Run evaluated = JobTestSupport.evaluate(spark, "--model", model.toString(), "--data", onesTest.toString());
        assertEquals(0, evaluated.code(), evaluated::toString);
        assertEquals(60, evaluated.json().get("examples").asLong(), evaluated::toString);
        Run withoutColumn = JobTestSupport.evaluate(spark, "--model", model.toString(), "--data",
                plainTest.toString(), "data.weight=");
        assertEquals(0, withoutColumn.code(), withoutColumn::toString);
        assertEquals(evaluated.json().get("accuracy").asDouble(), withoutColumn.json().get("accuracy").asDouble(),
                0, "evaluation is unweighted");
    }

    @Test
    void aBadWeightCellIsReportedWithFileLineAndColumn() {
        List<String> lines = withWeights(csvLines(blobs(PER_CLASS, 3), "species"), i -> i == 150 ? "-2" : "1");
        Path bad = write(dir.resolve("data/bad-weight.csv"), lines);
        Run run = train(spark, csvWeighted(bad, bad, newPath("never"), "data.weight=w", "data.test="));
        assertEquals(1, run.code(), run::toString);
        assertErrContains(run, "bad-weight.csv", "line 151:", "weight column 'w' (index 6)", "'-2'");

        Run unknown = train(spark, csvWeighted(bad, bad, newPath("never"), "data.weight=weight", "data.test="));
        assertEquals(2, unknown.code(), unknown::toString);
        assertErrContains(unknown, "weight column 'weight'");

        Run libsvm = train(spark, classification(newPath("never"), "data.weight=0"));
        assertEquals(2, libsvm.code(), libsvm::toString);
        assertErrContains(libsvm, "data.weight", "data.format=csv");
    }

    @Test
    void regressionOnALinearTargetReachesASmallLoss() {
        List<Example> rows = linear(300, 5);
        Path regTrain = write(dir.resolve("data/linear-train.libsvm"), libsvmLines(rows));
        Path regTest = write(dir.resolve("data/linear-test.libsvm"), libsvmLines(linear(60, 6)));
        Path model = newPath("regression");
        Run run = train(spark, "data.train=" + regTrain, "data.test=" + regTest, "data.features=" + FEATURES,
                "net.hidden=", "net.output=identity_squared_error", "train.l2=0", "train.epochs=60",
                "train.learning_rate=0.9", "model.out=" + model);
        JsonNode json = checkTrainingOutput(run, 60, 300, model);
        assertFalse(json.has("train_accuracy") || json.has("test_accuracy"), "no accuracy for regression: "
                + run.lastLine());
        double finalLoss = json.get("final_loss").asDouble();
        // The initial loss is about 1/2 E[(2 x0 - x1 + x2/2 + 1)^2] ~ 1.4; gradient descent makes it small.
        assertTrue(firstEpochLoss(run) > 0.3, run::toString);
        assertTrue(finalLoss < 0.01, "final_loss " + finalLoss + "\n" + run);
        assertTrue(json.get("test_loss").asDouble() < 0.01, run.lastLine());
    }

    @Test
    void doublePrecisionTrainsAndSavesADoubleModel() throws IOException {
        Path model = newPath("double");
        Run run = train(spark, classification(model, "train.precision=double"));
        JsonNode json = checkTrainingOutput(run, EPOCHS, 3L * PER_CLASS, model);
        assertEquals("float64", json.get("precision").asText());
        assertTrue(json.get("test_accuracy").asDouble() >= 0.95, run::toString);
        TrainedModel saved = ModelStore.load(model.toString(), new Configuration());
        assertEquals(Precision.DOUBLE, saved.precision());
        // Double weights take twice the bytes of float ones.
        Path floatModel = newPath("float");
        assertSuccess(train(spark, classification(floatModel, "train.epochs=1")));
        assertEquals(2 * (Files.size(floatModel.resolve("weights.bin")) - headerBytes(floatModel)),
                Files.size(model.resolve("weights.bin")) - headerBytes(model));
    }

    /** The bytes of weights.bin beyond the parameters themselves (the same for any precision). */
    private static long headerBytes(Path model) throws IOException {
        TrainedModel m = ModelStore.load(model.toString(), new Configuration());
        long bytesPerValue = m.precision() == Precision.DOUBLE ? 8 : 4;
        return Files.size(model.resolve("weights.bin")) - bytesPerValue * m.parameterCount();
    }

    @Test
    void theSameSeedGivesByteIdenticalWeights() throws IOException {
        String[] keys = {"train.epochs=5", "train.partitions=3", "train.aggregation_depth=2", "train.seed=7"};
        Path first = newPath("seed7-a");
        Path second = newPath("seed7-b");
        Path other = newPath("seed8");
        assertSuccess(train(spark, classification(first, keys)));
        assertSuccess(train(spark, classification(second, keys)));
        assertSuccess(train(spark, classification(other, concat(keys, "train.seed=8"))));
        byte[] a = Files.readAllBytes(first.resolve("weights.bin"));
        byte[] b = Files.readAllBytes(second.resolve("weights.bin"));
        assertArrayEquals(a, b, "two runs with the same seed");
        assertFalse(java.util.Arrays.equals(a, Files.readAllBytes(other.resolve("weights.bin"))),
                "another seed gives other weights");
    }

    @Test
    void anExistingModelIsReplacedWholeByDefault() throws IOException {
        Path model = newPath("replaced");
        assertSuccess(train(spark, classification(model, "train.epochs=1")));
        byte[] before = Files.readAllBytes(model.resolve("weights.bin"));
        Run second = train(spark, classification(model, "train.epochs=3"));
        assertSuccess(second);
        assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(model.resolve("weights.bin"))));
        assertEquals(List.of("model.json", "weights.bin"), names(model));
        assertEquals(List.of("replaced"), names(model.getParent()), "no temporary or old folder left");
    }

    @Test
    void modelOverwriteFalseRefusesAnExistingModelBeforeTrainingAndLeavesItAlone() throws IOException {
        Path model = newPath("kept");
        assertSuccess(train(spark, classification(model, "train.epochs=1")));
        byte[] before = Files.readAllBytes(model.resolve("weights.bin"));
        Run run = train(spark, classification(model, "train.epochs=2", "model.overwrite=false"));
        assertEquals(2, run.code(), run::toString);
        assertErrContains(run, "model.out=" + model, "exists", "model.overwrite");
        assertEquals(0, run.epochLines().size(), "refused before training: " + run);
        assertArrayEquals(before, Files.readAllBytes(model.resolve("weights.bin")));
        assertEquals(List.of("kept"), names(model.getParent()));
    }

    @Test
    void aModelPathThatIsNotAModelIsRefusedBeforeTrainingEvenWithOverwrite() throws IOException {
        Path notAModel = newPath("notes.txt");
        Files.createDirectories(notAModel.getParent());
        Files.writeString(notAModel, "not a model");
        Run run = train(spark, classification(notAModel, "model.overwrite=true"));
        assertEquals(2, run.code(), run::toString);
        assertErrContains(run, notAModel.toString(), "not a model directory");
        assertEquals(0, run.epochLines().size(), "refused before training: " + run);
        assertEquals("not a model", Files.readString(notAModel));
        assertEquals(List.of("notes.txt"), names(notAModel.getParent()));
    }

    @Test
    void aDivergingRunStopsWithAMessageAboutTheLearningRate() {
        Path model = newPath("diverged");
        Run run = train(spark, classification(model, "train.learning_rate=1e30"));
        assertEquals(1, run.code(), run::toString);
        assertErrContains(run, "diverged", "NaN", "train.learning_rate", "1e30");
        assertTrue(run.epochLines().size() < EPOCHS, "stops at the first epoch without a finite loss: " + run);
        assertFalse(Files.exists(model), "no model of NaN weights");
        assertFalse(run.out().contains("{"), "no JSON line after a failure: " + run);
    }

    // ---- bad configuration: exit 2, the key and what is allowed -------------------------------------------------

    private static Run badConfiguration(String... args) {
        Run run = train(spark, args);
        assertEquals(2, run.code(), run::toString);
        assertFalse(run.out().contains("{"), "no JSON line after bad usage: " + run);
        return run;
    }

    private static void assertErrContains(Run run, String... parts) {
        for (String part : parts) {
            assertTrue(run.err().contains(part), "err lacks '" + part + "':\n" + run);
        }
    }

    @Test
    void anUnknownKeyIsRefusedListingTheAllowedKeys() {
        Run run = badConfiguration(classification(newPath("m"), "train.epoch=5"));
        assertErrContains(run, "train.epoch", "allowed keys", "train.epochs", "data.train", "model.out",
                "net.activation");
    }

    @Test
    void zeroEpochsAreRefused() {
        Run run = badConfiguration(classification(newPath("m"), "train.epochs=0"));
        assertErrContains(run, "train.epochs=0", "an integer >= 1");
    }

    @Test
    void anUnknownActivationIsRefusedListingTheActivations() {
        Run run = badConfiguration(classification(newPath("m"), "net.activation=swish"));
        assertErrContains(run, "net.activation=swish", "relu", "sigmoid", "tanh", "leaky_relu", "identity");
    }

    @Test
    void anUnknownFormatIsRefusedListingTheFormats() {
        Run run = badConfiguration(classification(newPath("m"), "data.format=parquet"));
        assertErrContains(run, "data.format=parquet", "libsvm", "csv");
    }

    @Test
    void otherBadValuesNameTheKey() {
        assertErrContains(badConfiguration(classification(newPath("m"), "train.learning_rate=0")),
                "train.learning_rate=0", "a number > 0");
        assertErrContains(badConfiguration(classification(newPath("m"), "train.learning_rate=NaN")),
                "train.learning_rate=NaN");
        assertErrContains(badConfiguration(classification(newPath("m"), "net.hidden=8,0")),
                "net.hidden=8,0", "positive integers");
        assertErrContains(badConfiguration(classification(newPath("m"), "train.precision=half")),
                "train.precision=half", "float", "double");
        assertErrContains(badConfiguration(classification(newPath("m"), "train.shuffle=yes")),
                "train.shuffle=yes", "true or false");
        assertErrContains(badConfiguration(classification(newPath("m"), "data.classes=1")),
                "data.classes=1", "the training data has 3 classes");
        assertErrContains(badConfiguration(classification(newPath("m"), "epochs")),
                "'epochs' is not key=value");
        Path csv = write(dir.resolve("data/blank-label.csv"), csvLines(blobs(PER_CLASS, 3), "species"));
        assertErrContains(badConfiguration("data.train=" + csv, "data.test=", "data.format=csv", "data.header=true",
                "data.label=", "train.epochs=1", "model.out=" + newPath("m")), "data.label= is not allowed");
        assertErrContains(badConfiguration("data.train=" + csv, "data.test=", "data.format=csv", "data.header=true",
                "data.label=,", "train.epochs=1", "model.out=" + newPath("m")), "data.label", "label column");
    }

    @Test
    void aMissingConfigurationFileIsRefusedNamingIt() {
        Path missing = dir.resolve("no-such.properties");
        Run run = badConfiguration(concat(new String[]{"--conf", missing.toString()},
                classification(newPath("m"))));
        assertErrContains(run, missing.toString());
        assertErrContains(badConfiguration("--conf"), "--conf needs a file");
    }

    @Test
    void anUnknownKeyInAConfigurationFileIsRefusedNamingTheFile() throws IOException {
        Path conf = dir.resolve("typo.properties");
        Files.writeString(conf, "# a typo\ntrain.epochs = 5\nnet.hiden = 8\n");
        Run run = badConfiguration(concat(new String[]{"--conf", conf.toString()}, classification(newPath("m"))));
        assertErrContains(run, conf.toString(), "net.hiden", "allowed keys", "net.hidden");
    }

    @Test
    void aBadValueInAConfigurationFileIsRefusedNamingTheFileAndKey() throws IOException {
        Path conf = dir.resolve("bad-value.properties");
        Files.writeString(conf, "train.epochs = many\n");
        Run run = badConfiguration("--conf", conf.toString());
        assertErrContains(run, conf.toString(), "train.epochs=many", "an integer >= 1");
    }

    @Test
    void aConfigurationFileIsOverriddenByTheCommandLine() throws IOException {
        Path conf = dir.resolve("small.properties");
        Path model = newPath("from-conf");
        Files.writeString(conf, "data.train = " + trainFile + "\ndata.test = " + testFile + "\ndata.features = "
                + FEATURES + "\ndata.classes = " + CLASSES + "\nnet.hidden = 8\ntrain.epochs = 50\n"
                + "model.out = " + model + "\n");
        Run run = train(spark, "--conf", conf.toString(), "train.epochs=2");
        assertSuccess(run);
        assertEquals(2, run.json().get("epochs").asInt(), run::toString);
        assertEquals(2, run.epochLines().size(), run::toString);
    }

    // ---- bad data: exit 1, the file and the line --------------------------------------------------------------

    @Test
    void aMalformedLineInTheMiddleIsReportedWithFileAndLine() {
        List<String> lines = libsvmLines(blobs(PER_CLASS, 1));
        lines.set(149, "1 1:0.5 2:abc 3:1");
        Path bad = write(dir.resolve("data/malformed.libsvm.gz"), lines);
        Path model = newPath("never");
        Run run = train(spark, classification(model, "data.train=" + bad));
        assertEquals(1, run.code(), run::toString);
        assertErrContains(run, "malformed.libsvm.gz", "line 150:", "abc");
        assertFalse(Files.exists(model), "no model is written");
        assertFalse(run.out().contains("{"), "no JSON line after a failure: " + run);
    }

    @Test
    void aMalformedLineInALaterSplitOfALargeFileHasItsExactLineNumber() {
        List<String> lines = new ArrayList<>();
        for (int copy = 0; copy < 10; copy++) {
            lines.addAll(libsvmLines(blobs(PER_CLASS, 10 + copy)));
        }
        lines.set(2345, "2 1:0.5 3:0.25 2:1");
        Path bad = write(dir.resolve("data/big-malformed.libsvm"), lines);
        Configuration conf = spark.hadoopConfiguration();
        String key = "mapreduce.input.fileinputformat.split.maxsize";
        String previous = conf.get(key);
        conf.set(key, "8192");
        try {
            Run run = train(spark, classification(newPath("never"), "data.train=" + bad));
            assertEquals(1, run.code(), run::toString);
            assertErrContains(run, "big-malformed.libsvm", "line 2346:", "indices must increase");
        } finally {
            if (previous == null) {
                conf.unset(key);
            } else {
                conf.set(key, previous);
            }
        }
    }

    @Test
    void aLabelOutsideTheClassesIsReportedWithFileAndLine() {
        List<String> lines = libsvmLines(blobs(PER_CLASS, 1));
        lines.set(41, lines.get(41).replaceFirst("^0 ", "3 "));
        Path bad = write(dir.resolve("data/label3.libsvm.gz"), lines);
        Run run = train(spark, classification(newPath("never"), "data.train=" + bad, "data.labels=0,1,2"));
        assertEquals(1, run.code(), run::toString);
        assertErrContains(run, "label3.libsvm.gz", "line 42:", "label '3' is not one of the 3 known labels");
        Run learned = train(spark, classification(newPath("never2"), "data.train=" + bad));
        assertEquals(2, learned.code(), learned::toString);
        assertErrContains(learned, "data.classes=3 but the training data has 4 classes");
    }

    @Test
    void aBadLineInTheTestDataIsReportedWithFileAndLine() {
        List<String> lines = libsvmLines(blobs(30, 2));
        lines.set(69, "2 1:0.1 9:1");
        Path bad = write(dir.resolve("data/test-bad.libsvm.gz"), lines);
        Run run = train(spark, classification(newPath("never"), "data.test=" + bad));
        assertEquals(1, run.code(), run::toString);
        assertErrContains(run, "test-bad.libsvm.gz", "line 70:", "feature index 9");
    }

    @Test
    void aCsvRowWithTheWrongNumberOfFieldsIsReportedWithFileAndLine() {
        List<String> lines = csvLines(blobs(PER_CLASS, 3), "label");
        lines.set(200, "1.0,2.0,1,3.0");
        Path bad = write(dir.resolve("data/short-row.csv.gz"), lines);
        Run run = train(spark, classification(newPath("never"), "data.train=" + bad, "data.format=csv",
                "data.header=true", "data.label=label", "data.test="));
        assertEquals(1, run.code(), run::toString);
        assertErrContains(run, "short-row.csv.gz", "line 201:");
    }

    @Test
    void inferredFeaturesAreTheLargestIndexAndTestDataBeyondThemIsReportedWithFileAndLine() throws IOException {
        Path model = newPath("inferred");
        Run run = train(spark, classification(model, "data.features=0", "train.epochs=2"));
        assertSuccess(run);
        assertTrue(run.out().contains("network 5-8-3"), run::toString);
        assertEquals(FEATURES, ModelStore.load(model.toString(), new Configuration()).spec().inputs());

        List<String> lines = libsvmLines(blobs(30, 2));
        lines.set(19, lines.get(19) + " 6:0.5");
        Path wide = write(dir.resolve("data/test-wide.libsvm"), lines);
        Run wider = train(spark, classification(newPath("never"), "data.features=0", "data.test=" + wide,
                "train.epochs=2"));
        assertEquals(1, wider.code(), wider::toString);
        assertErrContains(wider, "test-wide.libsvm line 20:", "feature index 6");
    }

    @Test
    void missingTrainingDataIsAFailureNamingThePath() {
        Path missing = dir.resolve("data/nothing-here.libsvm");
        Run run = train(spark, classification(newPath("never"), "data.train=" + missing));
        assertEquals(1, run.code(), run::toString);
        assertErrContains(run, "nothing-here.libsvm");
    }
}
