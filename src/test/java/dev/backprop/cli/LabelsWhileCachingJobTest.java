package dev.backprop.cli;

import dev.backprop.cli.JobTestSupport.Run;
import dev.backprop.model.TrainedModel;
import dev.backprop.spark.ModelStore;
import dev.backprop.spark.SparkTestContext;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.backprop.cli.JobTestSupport.FEATURES;
import static dev.backprop.cli.JobTestSupport.blobs;
import static dev.backprop.cli.JobTestSupport.libsvmLines;
import static dev.backprop.cli.JobTestSupport.train;
import static dev.backprop.cli.JobTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LIBSVM classification without data.labels: the classes are found during the read that caches the training data
 * (no pass of their own before it), and training is then exactly what it is with the same classes given; labels
 * that float32 cannot tell apart are still kept apart; too many labels are refused.
 */
class LabelsWhileCachingJobTest {

    private static final String SURVEY = "find the labels";

    @TempDir
    static Path dir;

    private static JavaSparkContext spark;
    private static final List<String> JOBS = Collections.synchronizedList(new ArrayList<>());
    private static final AtomicInteger OUTPUTS = new AtomicInteger();

    @BeforeAll
    static void start() {
        spark = SparkTestContext.start("LabelsWhileCachingJobTest");
        spark.sc().addSparkListener(new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart jobStart) {
                JOBS.add(String.valueOf(jobStart.properties().getProperty("spark.job.description")));
            }
        });
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** The generated blobs with class k written as {@code labels[k]}. */
    private static Path data(String name, String... labels) {
        List<String> lines = new ArrayList<>();
        for (String line : libsvmLines(blobs(60, 7))) {
            int space = line.indexOf(' ');
            int k = (int) Double.parseDouble(line.substring(0, space));
            lines.add(labels[k] + line.substring(space));
        }
        return write(dir.resolve("data").resolve(name), lines);
    }

    private static Run run(Path data, String... more) {
        Path model = dir.resolve("out-" + OUTPUTS.incrementAndGet()).resolve("m");
        List<String> args = new ArrayList<>(List.of("data.train=" + data, "data.test=" + data,
                "data.features=" + FEATURES, "net.hidden=6", "train.epochs=4", "model.out=" + model));
        args.addAll(List.of(more));
        JOBS.clear();
        Run run = train(spark, args.toArray(String[]::new));
        assertTrue(spark.sc().getPersistentRDDs().isEmpty(), "the run left cached data behind: "
                + spark.sc().getPersistentRDDs() + "\n" + run);
        return run;
    }

    /** Loss, accuracies and cached bytes of two runs are the same to the last digit. */
    private static void assertSameTraining(Run expected, Run actual) {
        assertEquals(0, expected.code(), expected::toString);
        assertEquals(0, actual.code(), actual::toString);
        for (String key : new String[] {"final_loss", "train_accuracy", "test_accuracy", "cached_bytes"}) {
            assertEquals(expected.json().get(key).asText(), actual.json().get(key).asText(), key + ": "
                    + actual.lastLine() + " vs " + expected.lastLine());
        }
    }

    private static long surveys() {
        synchronized (JOBS) {
            return JOBS.stream().filter(d -> d.startsWith(SURVEY)).count();
        }
    }

    private static List<String> modelLabels(Run run) throws IOException {
        TrainedModel model = ModelStore.load(run.json().get("model_path").asText(), new Configuration());
        return model.preprocessing().labels();
    }

    @Test
    void classesFoundWhileCachingTrainExactlyAsTheSameClassesGiven() throws IOException {
        Path data = data("three.libsvm.gz", "7", "-1", "3");
        Run found = run(data);
        assertEquals(0, found.code(), found::toString);
        assertEquals(0, surveys(), "no pass over the file before the caching read: " + JOBS);
        assertTrue(found.out().contains("classes (3): 0=-1, 1=3, 2=7"), found::toString);
        assertSameTraining(run(data, "data.labels=-1,3,7"), found);
        assertEquals(List.of("-1", "3", "7"), modelLabels(found));
    }

    @Test
    void partitionsWithDifferentLabelsAreMergedWithoutShuffling() throws IOException {
        // Two part files, one without class 2 and one without class 0; unshuffled, each stays a partition.
        List<String> lines = libsvmLines(blobs(40, 3));
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (String line : lines) {
            (line.startsWith("0 ") ? first : line.startsWith("2 ") ? second : lines.indexOf(line) % 2 == 0 ? first
                    : second).add(line.replaceFirst("^2 ", "12 "));
        }
        Path folder = dir.resolve("data/parts");
        write(folder.resolve("part-00000"), first);
        write(folder.resolve("part-00001"), second);
        Run found = run(folder, "train.shuffle=false");
        assertEquals(0, surveys(), "no pass over the files before the caching read: " + JOBS);
        assertEquals(2, found.json().get("partitions").asInt(), found.lastLine());
        assertTrue(found.out().contains("classes (3): 0=0, 1=1, 2=12"), found::toString);
        assertSameTraining(run(folder, "train.shuffle=false", "data.labels=0,1,12"), found);
    }

    @Test
    void minusZeroIsTheLabelZero() throws IOException {
        Path data = data("minus-zero.libsvm", "-0", "1", "2");
        Run found = run(data);
        assertEquals(List.of("0", "1", "2"), modelLabels(found));
        assertSameTraining(run(data, "data.labels=0,1,2"), found);
    }

    @Test
    void twoClassesWithASigmoidOutputGetBinaryTargets() throws IOException {
        Path data = data("binary.libsvm", "-1", "1", "1");
        Run found = run(data, "net.output=sigmoid_binary_cross_entropy");
        assertEquals(List.of("-1", "1"), modelLabels(found));
        assertTrue(found.json().get("train_accuracy").asDouble() > 0.9, found::toString);
        assertSameTraining(run(data, "net.output=sigmoid_binary_cross_entropy", "data.labels=-1,1"), found);
    }

    @Test
    void withScalingTheLabelsAreFoundByTheirOwnPassAsBefore() {
        Run run = run(data("scaled.libsvm", "0", "1", "2"), "data.scale=standard");
        assertEquals(0, run.code(), run::toString);
        assertEquals(1, surveys(), "data.scale reads the data before caching it; the labels come first: " + JOBS);
    }

    @Test
    void labelsThatFloat32CannotTellApartAreKeptApart() throws IOException {
        Path data = data("close.libsvm", "1.00000001", "1.00000002", "5");
        Run found = run(data);
        assertEquals(0, found.code(), found::toString);
        assertTrue(found.out().contains("two labels have the same float32 value"), found::toString);
        assertEquals(List.of("1.00000001", "1.00000002", "5"), modelLabels(found));
        assertSameTraining(run(data, "data.labels=1.00000001,1.00000002,5"), found);
        // In float64 the raw labels differ, so the cached blocks are used.
        Run inDouble = run(data, "train.precision=double");
        assertEquals(0, inDouble.code(), inDouble::toString);
        assertFalse(inDouble.out().contains("two labels have the same"), inDouble::toString);
        assertEquals(List.of("1.00000001", "1.00000002", "5"), modelLabels(inDouble));
    }

    @Test
    void moreThanTenThousandLabelsAreRefused() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i <= LabelsWhileCaching.MAX_LABELS; i++) {
            lines.add(i + " 1:0.5");
        }
        Run run = run(write(dir.resolve("data/many.libsvm"), lines));
        assertEquals(2, run.code(), run::toString);
        assertTrue(run.err().contains("more than 10,000 distinct labels; is task=regression meant?"), run::toString);
    }
}
