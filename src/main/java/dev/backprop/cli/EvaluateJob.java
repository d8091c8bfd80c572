package dev.backprop.cli;

import dev.backprop.data.Block;
import dev.backprop.data.LabeledPoint;
import dev.backprop.data.TargetEncoding;
import dev.backprop.model.TrainedModel;
import dev.backprop.nn.MlpSpec;
import dev.backprop.spark.EvaluationSums;
import dev.backprop.spark.Evaluator;
import dev.backprop.spark.ExampleLoader;
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
        return ModelJobArgs.run("backprop-spark evaluate", "jobs/evaluate.sh [--master URL] --model DIR --data PATH [key=value ...]", false, args, out, err, shared, EvaluateJob::evaluate);
    }

    private static void evaluate(JavaSparkContext spark, ModelJobArgs args, PrintStream out) throws IOException {
        long start = System.nanoTime();
        ModelJobArgs.Input input = args.open(spark, out);
        TrainedModel model = input.model();
        MlpSpec spec = model.spec();
        Settings settings = input.settings();
        DataFormat format = input.format();
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
