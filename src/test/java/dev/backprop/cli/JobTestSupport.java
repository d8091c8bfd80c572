package dev.backprop.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backprop.data.Preprocessing;
import dev.backprop.model.TrainedModel;
import dev.backprop.nn.MlpGraph;
import dev.backprop.spark.ModelStore;
import dev.backprop.tensor.Matrix;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

/** What the job tests share: small generated data sets, running a job with captured output, its JSON line. */
final class JobTestSupport {

    static final int FEATURES = 5;
    static final int CLASSES = 3;

    /** An epoch line: the epoch number first, then numbers (or "-" for a test column not evaluated). */
    static final Pattern EPOCH_LINE = Pattern.compile("^\\s*(\\d+)(\\s+(-|[-+0-9.eE]+|NaN|Infinity))+\\s*$");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JobTestSupport() {
    }

    /** One example as generated: its label and its dense features (values exactly representable in text). */
    record Example(double label, double[] x) {
    }

    /** A job's {@code run} method. */
    @FunctionalInterface
    interface Job {
        int run(String[] args, PrintStream out, PrintStream err, JavaSparkContext shared);
    }

    /** A finished run: exit code and what it printed. */
    record Run(int code, String out, String err) {

        List<String> lines() {
            return out.lines().collect(Collectors.toList());
        }

        String lastLine() {
            List<String> lines = lines();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }

        /** The last line of out, parsed strictly as one JSON object. */
        JsonNode json() {
            try {
                JsonNode node = JSON.readTree(lastLine());
                if (node == null || !node.isObject()) {
                    throw new AssertionError("last line is not a JSON object: " + lastLine());
                }
                return node;
            } catch (IOException e) {
                throw new AssertionError("last line is not JSON: " + lastLine() + "\n" + this, e);
            }
        }

        /** The epoch lines, in order. */
        /** The lines under the "epoch ..." header, up to the first line that is not an epoch line. */
        List<String> epochLines() {
            List<String> all = lines();
            List<String> epochs = new java.util.ArrayList<>();
            int header = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).startsWith("epoch ")) {
                    header = i;
                    break;
                }
            }
            for (int i = header + 1; header >= 0 && i < all.size() && EPOCH_LINE.matcher(all.get(i)).matches(); i++) {
                epochs.add(all.get(i));
            }
            return epochs;
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }

    static Run run(Job job, JavaSparkContext spark, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = job.run(args, o, e, spark);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run train(JavaSparkContext spark, String... args) {
        return run(TrainJob::run, spark, args);
    }

    static Run evaluate(JavaSparkContext spark, String... args) {
        return run(EvaluateJob::run, spark, args);
    }

    static Run predict(JavaSparkContext spark, String... args) {
        return run(PredictJob::run, spark, args);
    }

    static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    // ---- data --------------------------------------------------------------------------------------------------

    /**
     * {@code perClass} examples of each of 3 classes, sorted by label (as exports often are): class k is centred at
     * 2.5 on feature k, features 3 and 4 are noise; Gaussian noise of standard deviation 0.5 everywhere. Values
     * have 4 decimals, so that the text written is exactly the number generated.
     */
    static List<Example> blobs(int perClass, long seed) {
        Random random = new Random(seed);
        List<Example> examples = new ArrayList<>();
        for (int k = 0; k < CLASSES; k++) {
            for (int i = 0; i < perClass; i++) {
                double[] x = new double[FEATURES];
                for (int j = 0; j < FEATURES; j++) {
                    x[j] = round4((j == k ? 2.5 : 0) + 0.5 * random.nextGaussian());
                }
                examples.add(new Example(k, x));
            }
        }
        return examples;
    }

    /** {@code n} examples of the linear target 2 x0 - x1 + 0.5 x2 + 1 (x3, x4 unused), x uniform in [-1, 1]. */
    static List<Example> linear(int n, long seed) {
        Random random = new Random(seed);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = new double[FEATURES];
            for (int j = 0; j < FEATURES; j++) {
                x[j] = round4(2 * random.nextDouble() - 1);
            }
            examples.add(new Example(2 * x[0] - x[1] + 0.5 * x[2] + 1, x));
        }
        return examples;
    }

    static double round4(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    /** LIBSVM lines (1-based indices, every feature written). */
    static List<String> libsvmLines(List<Example> examples) {
        List<String> lines = new ArrayList<>();
        for (Example e : examples) {
            StringBuilder line = new StringBuilder(label(e.label()));
            for (int j = 0; j < e.x().length; j++) {
                line.append(' ').append(j + 1).append(':').append(e.x()[j]);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** CSV lines with a header {@code f0,f1,<labelName>,f2,f3,f4}: the label column in the middle. */
    static List<String> csvLines(List<Example> examples, String labelName) {
        List<String> lines = new ArrayList<>();
        lines.add("f0,f1," + labelName + ",f2,f3,f4");
        for (Example e : examples) {
            double[] x = e.x();
            lines.add(x[0] + "," + x[1] + "," + label(e.label()) + "," + x[2] + "," + x[3] + "," + x[4]);
        }
        return lines;
    }

    private static String label(double label) {
        return label == Math.rint(label) && Math.abs(label) < 1e9 ? Long.toString((long) label)
                : Double.toString(label);
    }

    /** Writes {@code lines}, gzipped when the name ends in {@code .gz}. */
    static Path write(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream raw = Files.newOutputStream(file);
                 OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw;
                 Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                for (String line : lines) {
                    writer.write(line);
                    writer.write('\n');
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names in {@code dir}, sorted. */
    static List<String> names(Path dir) {
        try (var stream = Files.list(dir)) {
            return stream.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the saved model at {@code modelDir} outputs for {@code rows}, computed in this JVM through the model's
     * own preprocessing (feature scaler in, target scaler out): the reference the jobs' results are checked against.
     */
    static Matrix localOutputs(Path modelDir, List<Example> rows) throws IOException {
        TrainedModel trained = ModelStore.load(modelDir.toString(), new Configuration());
        Matrix features = Matrix.zeros(trained.precision(), trained.spec().inputs(), rows.size());
        for (int j = 0; j < rows.size(); j++) {
            for (int i = 0; i < rows.get(j).x().length; i++) {
                features.set(i, j, rows.get(j).x()[i]);
            }
        }
        // The model's own preprocessing: its feature scaler on the way in, its target scaler on the way out.
        Preprocessing preprocessing = trained.preprocessing();
        if (preprocessing.features() != null) {
            preprocessing.features().scaleInPlace(features);
        }
        Matrix outputs = new MlpGraph(trained.parameters()).predict(features);
        if (preprocessing.target() != null) {
            preprocessing.target().unscaleInPlace(outputs);
        }
        return outputs;
    }
}
