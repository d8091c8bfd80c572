package dev.backprop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backprop.cli.TrainJob;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * This trainer as its users run it: {@link TrainJob} (what {@code jobs/train.sh} runs) on the shared context, with
 * the shipped configuration and the row's network, told the width as MLlib is (data.features, as MLlib's
 * numFeatures), so that neither scans the file before reading it; not told the classes (MLlib takes them from its
 * layers and requires labels 0..k-1; ours finds them during the read that caches the blocks, as a user who leaves
 * data.labels empty has them found); no shuffle, no test set and no per-epoch evaluation, for the
 * warm-up epochs plus the measured ones. The figures: {@code load_seconds} of its results line (reading, parsing,
 * stacking and caching), the median of the measured epochs' seconds from its epoch lines (gradient pass, aggregation
 * and update) and {@code cached_bytes}.
 */
final class OurRunner {

    /** What one run measured. */
    record Result(double loadSeconds, double passSeconds, long cachedBytes, int partitions, long examples,
                  String network, JsonNode json) {
    }

    private OurRunner() {
    }

    static Result run(JavaSparkContext spark, Path conf, String data, int features, String hidden,
                      String activation, int warmup, int passes, String precision, int block, Path modelOut)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("--conf", conf.toString(),
                "data.format=libsvm", "data.train=" + data, "data.test=", "data.scale=none",
                "data.features=" + features, "data.labels=",
                "net.hidden=" + hidden, "net.activation=" + activation, "net.output=softmax_cross_entropy",
                "train.epochs=" + (warmup + passes), "train.shuffle=false", "train.eval_every=0",
                "train.precision=" + precision, "train.block_size=" + block, "model.out=" + modelOut, "model.overwrite=true"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = TrainJob.run(args.toArray(String[]::new), o, e, spark);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        if (code != 0) {
            throw new IllegalStateException("the training job failed (exit " + code + "): "
                    + err.toString(StandardCharsets.UTF_8) + "\n" + printed);
        }
        String[] lines = printed.strip().split("\n");
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        // The epoch lines: "epoch loss train_acc test_acc seconds examples/s"; the passes after the warm-up ones.
        List<Double> seconds = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 6 && fields[0].matches("\\d+") && Integer.parseInt(fields[0]) > warmup) {
                seconds.add(Double.parseDouble(fields[4]));
            }
        }
        if (seconds.size() != passes) {
            throw new IllegalStateException("expected " + passes + " measured epochs in the training job's output, found "
                    + seconds.size() + ":\n" + printed);
        }
        return new Result(json.get("load_seconds").asDouble(), MllibRunner.median(seconds),
                json.get("cached_bytes").asLong(), json.get("partitions").asInt(), json.get("examples").asLong(),
                json.get("network").asText(), json);
    }
}
