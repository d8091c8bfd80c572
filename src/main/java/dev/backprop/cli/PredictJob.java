package dev.backprop.cli;

import dev.backprop.data.LabeledPoint;
import dev.backprop.data.Preprocessing;
import dev.backprop.model.TrainedModel;
import dev.backprop.spark.OutputDirectory;
import dev.backprop.spark.Predictor;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * {@code jobs/predict.sh --model DIR --data PATH --out PATH [key=value ...]}: writes a folder of part files, as
 * Spark does, with one CSV row per input example in input order (see {@link Predictor} for the columns); the folder
 * appears only when complete. Ends with one JSON line: {@code predictions, out, model_path, data, seconds}, and for a
 * regression with several targets first {@code columns}, the target names of the columns in order (also printed).
 */
public final class PredictJob {

    private PredictJob() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, null));
    }

    /** Runs the job on {@code shared}, or on a context of its own when null; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, JavaSparkContext shared) {
        return ModelJobArgs.run("backprop-spark predict",
                "jobs/predict.sh [--master URL] --model DIR --data PATH --out PATH [key=value ...]", true, args, out,
                err, shared, PredictJob::predict);
    }

    private static void predict(JavaSparkContext spark, ModelJobArgs args, PrintStream out) throws IOException {
        long start = System.nanoTime();
        ModelJobArgs.Input input = args.open(spark, out);
        TrainedModel model = input.model();
        Settings settings = input.settings();
        OutputDirectory.refuseExisting(args.out, spark.hadoopConfiguration());
        JavaRDD<LabeledPoint> points = Inputs.read(spark, settings, args.data, model.preprocessing(),
                model.spec().inputs(), false);
        JavaRDD<String> rows = Predictor.predict(spark, model, points, settings.integer(TrainSettings.BLOCK_SIZE))
                .persist(StorageLevel.MEMORY_AND_DISK());
        long count = OutputDirectory.writeText(rows, args.out, spark.hadoopConfiguration());
        rows.unpersist(false);
        out.printf(Locale.ROOT, "wrote %d predictions to %s%n", count, args.out);
        JsonLine json = new JsonLine();
        List<String> columns = targetColumns(model);
        if (columns.size() > 1) {
            out.println("columns: " + String.join(",", columns));
            json.add("columns", columns);
        }
        out.println(json
                .add("predictions", count)
                .add("out", args.out)
                .add("model_path", args.model)
                .add("data", args.data)
                .add("seconds", Math.round((System.nanoTime() - start) / 1e6) / 1000.0));
    }

    /** The target columns of a regression, in output order; empty for a classifier or without a table. */
    private static List<String> targetColumns(TrainedModel model) {
        Preprocessing preprocessing = model.preprocessing();
        if (model.spec().output().isClassification() || preprocessing.table() == null) {
            return List.of();
        }
        return preprocessing.table().labelColumns();
    }
}
