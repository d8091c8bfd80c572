package dev.backprop.cli;

import dev.backprop.data.Block;
import dev.backprop.data.LabeledPoint;
import dev.backprop.data.TargetEncoding;
import dev.backprop.model.TrainedModel;
import dev.backprop.nn.MlpSpec;
import dev.backprop.spark.EvaluationSums;
import dev.backprop.spark.Evaluator;
import dev.backprop.spark.ExampleLoader;
import dev.backprop.spark.ModelStore;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code jobs/evaluate.sh --model DIR --data PATH [key=value ...]}: accuracy, log-loss and the confusion matrix of
 * a classifier, or RMSE and MAE of a regressor, on labelled data; ends with one JSON line.
 */
public final class EvaluateJob {

    private EvaluateJob() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, null));
    }

    /** Runs the job on {@code shared}, or on a context of its own when null; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, JavaSparkContext shared) {
        ModelJobArgs parsed;
        try {
            parsed = ModelJobArgs.parse(args, false);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("usage: jobs/evaluate.sh [--master URL] --model DIR --data PATH [key=value ...]");
            return ExitCodes.USAGE;
        }
        try {
            SparkJobs.withSpark("backprop-spark evaluate", shared, spark -> evaluate(spark, parsed, out));
            return ExitCodes.SUCCESS;
        } catch (Exception e) {
            // Not only RuntimeException and IOException: Spark reports a failed task (a malformed line, say) as
            // SparkException, a checked exception that its Scala code throws undeclared.
            err.println("error: " + JobFailures.describe(e));
            return JobFailures.isUsage(e) ? ExitCodes.USAGE : ExitCodes.FAILURE;
        }
    }

    private static void evaluate(JavaSparkContext spark, ModelJobArgs args, PrintStream out) throws IOException {
        long start = System.nanoTime();
        TrainedModel model = ModelStore.load(args.model, spark.hadoopConfiguration());
        MlpSpec spec = model.spec();
        Settings settings = args.settings(model);
        out.printf(Locale.ROOT, "model %s: %s, %s%n", args.model, spec, model.precision());
        DataFormat format = DataFormat.of(settings, args.data, spark.hadoopConfiguration(), spec.inputs());
        if (format.features() > spec.inputs()) {
            throw new UsageException(args.data + " has " + format.features() + " features; the model takes "
                    + spec.inputs());
        }
        TargetEncoding encoding = TrainJob.encoding(spec);
        JavaRDD<LabeledPoint> points = ExampleLoader.read(spark, args.data, format.parser(), encoding);
        JavaRDD<Block> blocks = ExampleLoader.toBlocks(points, spec.inputs(), encoding, model.precision(),
                settings.integer(TrainSettings.BLOCK_SIZE));
        EvaluationSums sums = Evaluator.evaluate(spark, model, blocks);
        if (sums.count() == 0) {
            throw new UsageException(args.data + " holds no examples");
        }
        JsonLine json = new JsonLine();
        if (spec.output().isClassification()) {
            out.printf(Locale.ROOT, "examples %d, accuracy %.4f, log-loss %.6f%n", sums.count(), sums.accuracy(),
                    sums.meanLoss());
            printConfusion(sums, out);
            json.add("accuracy", sums.accuracy()).add("log_loss", sums.meanLoss());
        } else {
            double rmse = sums.rmse(spec.outputs());
            double mae = sums.mae(spec.outputs());
            out.printf(Locale.ROOT, "examples %d, RMSE %.6g, MAE %.6g%n", sums.count(), rmse, mae);
            json.add("rmse", rmse).add("mae", mae);
        }
        json.add("examples", sums.count())
                .add("model_path", args.model)
                .add("data", args.data)
                .add("seconds", Math.round((System.nanoTime() - start) / 1e6) / 1000.0);
        out.println(json);
    }

    private static void printConfusion(EvaluationSums sums, PrintStream out) {
        int k = sums.classes();
        out.println("confusion matrix (rows: true class, columns: predicted class)");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%6s", ""));
        for (int c = 0; c < k; c++) {
            header.append(String.format(Locale.ROOT, " %6d", c));
        }
        out.println(header);
        for (int r = 0; r < k; r++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%6d", r));
            for (int c = 0; c < k; c++) {
                row.append(String.format(Locale.ROOT, " %6d", sums.confusion(r, c)));
            }
            out.println(row);
        }
    }
}
