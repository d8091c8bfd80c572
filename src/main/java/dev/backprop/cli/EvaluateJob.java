package dev.backprop.cli;

import dev.backprop.data.Block;
import dev.backprop.data.LabeledPoint;
import dev.backprop.data.Preprocessing;
import dev.backprop.metrics.ClassificationMetrics;
import dev.backprop.metrics.RegressionSums;
import dev.backprop.metrics.ScoreHistogram;
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
import java.util.function.IntFunction;

/**
 * {@code jobs/evaluate.sh --model DIR --data PATH [key=value ...]}: on labelled data, the accuracy, log-loss,
 * confusion matrix, per-class precision, recall and F1 with macro averages, and for a binary classifier ROC AUC; or
 * the RMSE, MAE and R^2 of a regressor (with several targets, of each target too). Ends with one JSON line:
 * {@code accuracy, log_loss, macro_precision, macro_recall, macro_f1, weighted_precision, weighted_recall,
 * weighted_f1} (+ {@code auc} for a binary classifier, null when the data holds one class only) or
 * {@code rmse, mae, r2} (+ {@code rmse_by_target, mae_by_target, r2_by_target} with several targets, objects from
 * target name to figure), then {@code examples, model_path, data, seconds}.
 */
public final class EvaluateJob {

    private EvaluateJob() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, null));
    }

    /** Runs the job on {@code shared}, or on a context of its own when null; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, JavaSparkContext shared) {
        return ModelJobArgs.run("backprop-spark evaluate",
                "jobs/evaluate.sh [--master URL] --model DIR --data PATH [key=value ...]", false, args, out, err,
                shared, EvaluateJob::evaluate);
    }

    private static void evaluate(JavaSparkContext spark, ModelJobArgs args, PrintStream out) throws IOException {
        long start = System.nanoTime();
        ModelJobArgs.Input input = args.open(spark, out);
        TrainedModel model = input.model();
        MlpSpec spec = model.spec();
        Settings settings = input.settings();
        Preprocessing preprocessing = model.preprocessing();
        JavaRDD<LabeledPoint> points = Inputs.read(spark, settings, args.data, preprocessing, spec.inputs(), true);
        JavaRDD<Block> blocks = ExampleLoader.toBlocks(points, spec.inputs(), TrainJob.encoding(spec),
                model.precision(), settings.integer(TrainSettings.BLOCK_SIZE));
        EvaluationSums sums = Evaluator.evaluate(spark, model, blocks);
        if (sums.count() == 0) {
            throw new UsageException(args.data + " holds no examples");
        }
        printReport(sums, names(sums, preprocessing), out);
        JsonLine json = new JsonLine();
        sums.metrics().forEach((key, value) -> json.add(key, value.doubleValue()));
        TargetMetrics.of(sums, preprocessing::targetName).forEach(json::add);
        if (sums.isBinary() && !sums.scores().aucDefined()) {
            json.add("auc", (String) null);
        }
        json.add("examples", sums.count())
                .add("model_path", args.model)
                .add("data", args.data)
                .add("seconds", Math.round((System.nanoTime() - start) / 1e6) / 1000.0);
        out.println(json);
    }

    /** How reports name class {@code k} (its label) or regression output {@code k} (its target column). */
    static IntFunction<String> names(EvaluationSums sums, Preprocessing preprocessing) {
        return sums.isClassification() ? preprocessing::labelOf : preprocessing::targetName;
    }

    /**
     * Prints what an evaluation found, for people: for a classifier the accuracy and log-loss, the confusion
     * matrix, precision, recall, F1 and support per class with their macro and support-weighted averages, and ROC
     * AUC when it is binary; for a regressor RMSE, MAE and R^2 (per target too when there are several, and their
     * means). {@code names} gives the name printed for a class (or a regression target) by index.
     */
    static void printReport(EvaluationSums sums, IntFunction<String> names, PrintStream out) {
        if (sums.isClassification()) {
            out.printf(Locale.ROOT, "examples %d, accuracy %.4f, log-loss %.6f%n", sums.count(), sums.accuracy(),
                    sums.meanLoss());
            printConfusion(sums, out);
            printClassTable(sums.classification(), names, out);
            if (sums.isBinary()) {
                printAuc(sums.scores(), out);
            }
        } else {
            RegressionSums r = sums.regression();
            out.printf(Locale.ROOT, "examples %d, RMSE %.6g, MAE %.6g, R^2 %.6f%s%n", sums.count(), r.rmse(),
                    r.mae(), r.r2(), r.outputs() > 1 ? " (means over " + r.outputs() + " targets)" : "");
            if (r.outputs() > 1) {
                printOutputTable(r, names, out);
            }
        }
    }

    /** The per-class table in the shape of scikit-learn's classification_report. */
    private static void printClassTable(ClassificationMetrics m, IntFunction<String> names, PrintStream out) {
        int width = "weighted avg".length();
        for (int k = 0; k < m.classes(); k++) {
            width = Math.max(width, names.apply(k).length());
        }
        String row = "%" + width + "s %10s %10s %10s %10s%n";
        String numbers = "%" + width + "s %10.4f %10.4f %10.4f %10d%n";
        out.printf(Locale.ROOT, row, "class", "precision", "recall", "f1", "support");
        for (int k = 0; k < m.classes(); k++) {
            out.printf(Locale.ROOT, numbers, names.apply(k), m.precision(k), m.recall(k), m.f1(k), m.support(k));
        }
        out.printf(Locale.ROOT, numbers, "macro avg", m.macroPrecision(), m.macroRecall(), m.macroF1(), m.total());
        out.printf(Locale.ROOT, numbers, "weighted avg", m.weightedPrecision(), m.weightedRecall(), m.weightedF1(),
                m.total());
        for (int k = 0; k < m.classes(); k++) {
            if (!m.isPresent(k)) {
                out.printf(Locale.ROOT, "class %s neither occurs nor is predicted: left out of the macro averages%n",
                        names.apply(k));
            }
        }
    }

    private static void printAuc(ScoreHistogram scores, PrintStream out) {
        if (!scores.aucDefined()) {
            out.printf(Locale.ROOT, "ROC AUC undefined: the data holds %d positive and %d negative examples%n",
                    scores.positives(), scores.negatives());
            return;
        }
        double bound = scores.aucTieBound();
        out.printf(Locale.ROOT, "ROC AUC %.6f (from histograms of %d probability bins; %s)%n", scores.auc(),
                scores.bins(), bound == 0 ? "exact: no positive shares a bin with a negative"
                        : String.format(Locale.ROOT, "the exact AUC is within %.1e", bound));
    }

    private static void printOutputTable(RegressionSums r, IntFunction<String> names, PrintStream out) {
        int width = "target".length();
        for (int o = 0; o < r.outputs(); o++) {
            width = Math.max(width, names.apply(o).length());
        }
        out.printf(Locale.ROOT, "%" + width + "s %12s %12s %10s%n", "target", "RMSE", "MAE", "R^2");
        String numbers = "%" + width + "s %12.6g %12.6g %10.6f%n";
        for (int o = 0; o < r.outputs(); o++) {
            out.printf(Locale.ROOT, numbers, names.apply(o), r.rmse(o), r.mae(o), r.r2(o));
        }
        out.printf(Locale.ROOT, numbers, "mean", r.rmse(), r.mae(), r.r2());
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
