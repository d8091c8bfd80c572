package dev.backprop.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.backprop.data.Block;
import dev.backprop.metrics.ClassificationMetrics;
import dev.backprop.metrics.RegressionSums;
import dev.backprop.metrics.ScoreHistogram;
import dev.backprop.metrics.TargetUnscaler;
import dev.backprop.nn.MlpGraph;
import dev.backprop.nn.MlpSpec;
import dev.backprop.nn.OutputLoss;
import dev.backprop.tensor.Matrix;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What evaluation sums over examples, one per partition and then merged: the count and the loss; for classifiers
 * the confusion matrix (row: true class, column: predicted class) and, for a binary one (a single sigmoid output or
 * a softmax over 2 classes), the histograms of the positive-class probability behind ROC AUC; for regressors the
 * errors and target statistics of {@link RegressionSums}. Every example counts once: example weights, if the blocks
 * carry any, do not enter evaluation.
 *
 * <p>Merging ({@link #merge}) may happen in any order, as tasks finish: counts are integers and add exactly, while
 * the floating-point sums (the loss, the regression sums) are kept per partition and added in partition order only
 * when read, so that the result is the same to the bit for the same data and partitioning. Only one score
 * histogram is alive on the driver while partitions arrive, whatever their number.
 */
public final class EvaluationSums {

    /** Floating-point sums of one partition, added to the others in {@link #index} order when read. */
    private static final class Part {
        final int index;
        double lossSum;
        final RegressionSums regression;

        Part(int index, RegressionSums regression) {
            this.index = index;
            this.regression = regression;
        }
    }

    private final OutputLoss output;
    private final int outputs;
    private long count;
    /** classes x classes, row-major; empty for regressors. */
    private final long[] confusion;
    /** Binary classifiers only, otherwise null. */
    private final ScoreHistogram scores;
    private final List<Part> parts = new ArrayList<>();

    private EvaluationSums(OutputLoss output, int outputs, long count, long[] confusion, ScoreHistogram scores) {
        this.output = output;
        this.outputs = outputs;
        this.count = count;
        this.confusion = confusion;
        this.scores = scores;
    }

    /** Empty sums of the network {@code spec}, holding no partition yet. */
    static EvaluationSums empty(MlpSpec spec) {
        OutputLoss output = spec.output();
        int classes = output.isClassification() ? Math.max(2, spec.outputs()) : 0;
        ScoreHistogram scores = isBinary(output, spec.outputs()) ? new ScoreHistogram() : null;
        return new EvaluationSums(output, spec.outputs(), 0, new long[classes * classes], scores);
    }

    /** Empty sums of partition {@code index}, ready for {@link #add}. */
    static EvaluationSums forPartition(MlpSpec spec, int index) {
        EvaluationSums sums = empty(spec);
        sums.parts.add(new Part(index, spec.output().isClassification() ? null : new RegressionSums(spec.outputs())));
        return sums;
    }

    private static boolean isBinary(OutputLoss output, int outputs) {
        return output == OutputLoss.SIGMOID_BINARY_CROSS_ENTROPY && outputs == 1
                || output == OutputLoss.SOFTMAX_CROSS_ENTROPY && outputs == 2;
    }

    /**
     * Adds one block, evaluated with {@code graph}; regression predictions and targets pass through
     * {@code unscaler} before their errors are summed.
     */
    void add(MlpGraph graph, Block block, TargetUnscaler unscaler) {
        if (block.size() == 0) {
            return;
        }
        Part part = parts.get(0);
        part.lossSum += graph.loss(block.features(), block.targets());
        count += block.size();
        Matrix logits = graph.logits();
        if (output.isClassification()) {
            int classes = classes();
            for (int j = 0; j < block.size(); j++) {
                int actual = OutputLoss.targetClass(block.targets(), j);
                confusion[actual * classes + OutputLoss.predictedClass(logits, j)]++;
            }
            if (scores != null) {
                Matrix probabilities = logits.newZeros(logits.rows(), logits.cols());
                output.predict(logits, probabilities);
                int positiveRow = probabilities.rows() - 1; // the sigmoid's only row, or class 1 of a softmax
                for (int j = 0; j < block.size(); j++) {
                    scores.add(probabilities.get(positiveRow, j), OutputLoss.targetClass(block.targets(), j) == 1);
                }
            }
        } else {
            Matrix predicted = logits.newZeros(logits.rows(), logits.cols());
            output.predict(logits, predicted);
            part.regression.add(predicted, block.targets(), unscaler);
        }
    }

    /**
     * Adds {@code other} (sums of other partitions of the same network) into these and returns these. Any order
     * gives the same result to the bit.
     */
    EvaluationSums merge(EvaluationSums other) {
        if (other.output != output || other.outputs != outputs) {
            throw new IllegalArgumentException("cannot merge the evaluation of " + output + " with "
                    + other.output);
        }
        count += other.count;
        for (int i = 0; i < confusion.length; i++) {
            confusion[i] += other.confusion[i];
        }
        if (scores != null) {
            scores.merge(other.scores);
        }
        parts.addAll(other.parts);
        return this;
    }

    private List<Part> partsInOrder() {
        List<Part> sorted = new ArrayList<>(parts);
        sorted.sort(Comparator.comparingInt(p -> p.index));
        return sorted;
    }

    public long count() {
        return count;
    }

    public boolean isClassification() {
        return output.isClassification();
    }

    /** Whether ROC AUC applies: a single sigmoid output, or a softmax over 2 classes. */
    public boolean isBinary() {
        return scores != null;
    }

    /** Number of classes of the confusion matrix (2 for a single sigmoid output; 0 for regressors). */
    public int classes() {
        return (int) Math.round(Math.sqrt(confusion.length));
    }

    /**
     * Mean loss per example: the log-loss (mean cross-entropy) of classifiers, 1/2 the mean squared error of
     * regressors (on the scale the network was trained on).
     */
    public double meanLoss() {
        double sum = 0;
        for (Part part : partsInOrder()) {
            sum += part.lossSum;
        }
        return sum / count;
    }

    /** Examples of true class {@code actual} predicted as {@code predicted}. */
    public long confusion(int actual, int predicted) {
        return confusion[actual * classes() + predicted];
    }

    /** Precision, recall, F1 and support per class and their averages; classifiers only. */
    public ClassificationMetrics classification() {
        requireClassification(true);
        return ClassificationMetrics.ofRowMajor(confusion, classes());
    }

    public double accuracy() {
        return classification().accuracy();
    }

    /** The histograms of the positive-class probability (binary classifiers), or null. */
    public ScoreHistogram scores() {
        return scores;
    }

    /** ROC AUC of a binary classifier; NaN when only one class occurs or the classifier is not binary. */
    public double auc() {
        return scores == null ? Double.NaN : scores.auc();
    }

    /** The partitions' regression sums merged in partition order (a new object); regressors only. */
    public RegressionSums regression() {
        requireClassification(false);
        RegressionSums total = new RegressionSums(outputs);
        for (Part part : partsInOrder()) {
            total.merge(part.regression);
        }
        return total;
    }

    private void requireClassification(boolean classification) {
        if (output.isClassification() != classification) {
            throw new IllegalStateException("the model's output " + output.configName() + " is "
                    + (classification ? "not " : "") + "a classifier's");
        }
    }

    /**
     * The metrics of the final JSON line, in print order; every value finite. Classifiers: {@code accuracy},
     * {@code log_loss}, {@code macro_precision}, {@code macro_recall}, {@code macro_f1}, {@code weighted_precision},
     * {@code weighted_recall}, {@code weighted_f1}, and for a binary classifier {@code auc} when both classes occur.
     * Regressors: {@code rmse}, {@code mae}, {@code r2} (on the original scale; with several outputs the means over
     * outputs of each output's figure, see {@link RegressionSums}, and {@link #metricsByOutput()} for each). Empty
     * without examples.
     */
    public Map<String, Double> metrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (count == 0) {
            return metrics;
        }
        if (isClassification()) {
            ClassificationMetrics c = classification();
            metrics.put("accuracy", c.accuracy());
            metrics.put("log_loss", meanLoss());
            metrics.put("macro_precision", c.macroPrecision());
            metrics.put("macro_recall", c.macroRecall());
            metrics.put("macro_f1", c.macroF1());
            metrics.put("weighted_precision", c.weightedPrecision());
            metrics.put("weighted_recall", c.weightedRecall());
            metrics.put("weighted_f1", c.weightedF1());
            if (scores != null && scores.aucDefined()) {
                metrics.put("auc", scores.auc());
            }
        } else {
            RegressionSums r = regression();
            metrics.put("rmse", r.rmse());
            metrics.put("mae", r.mae());
            metrics.put("r2", r.r2());
        }
        return metrics;
    }

    /**
     * The metrics of each output of a regressor with several outputs, on the original scale: {@code rmse},
     * {@code mae} and {@code r2}, each one value per output in output order. Empty for a classifier, a regressor of
     * one output (whose {@link #metrics()} are its own) and without examples.
     */
    public Map<String, double[]> metricsByOutput() {
        Map<String, double[]> metrics = new LinkedHashMap<>();
        if (count == 0 || isClassification() || outputs == 1) {
            return metrics;
        }
        RegressionSums r = regression();
        double[] rmse = new double[outputs];
        double[] mae = new double[outputs];
        double[] r2 = new double[outputs];
        for (int o = 0; o < outputs; o++) {
            rmse[o] = r.rmse(o);
            mae[o] = r.mae(o);
            r2[o] = r.r2(o);
        }
        metrics.put("rmse", rmse);
        metrics.put("mae", mae);
        metrics.put("r2", r2);
        return metrics;
    }

    /**
     * Kryo form: the network's output and width, the count, the confusion matrix, the score histogram sparsely
     * (only its non-empty bins, so that a partition of n examples sends at most n bins) and each partition's
     * floating-point sums, every double by its bits.
     */
    static final class KryoSerializer extends Serializer<EvaluationSums> {

        @Override
        public void write(Kryo kryo, Output out, EvaluationSums sums) {
            out.writeVarInt(sums.output.ordinal(), true);
            out.writeVarInt(sums.outputs, true);
            out.writeVarLong(sums.count, true);
            out.writeVarInt(sums.confusion.length, true);
            for (long c : sums.confusion) {
                out.writeVarLong(c, true);
            }
            out.writeBoolean(sums.scores != null);
            if (sums.scores != null) {
                writeHistogram(out, sums.scores);
            }
            out.writeVarInt(sums.parts.size(), true);
            for (Part part : sums.parts) {
                out.writeVarInt(part.index, true);
                out.writeDouble(part.lossSum);
                out.writeBoolean(part.regression != null);
                if (part.regression != null) {
                    writeRegression(out, part.regression);
                }
            }
        }

        @Override
        public EvaluationSums read(Kryo kryo, Input in, Class<EvaluationSums> type) {
            OutputLoss output = OutputLoss.values()[in.readVarInt(true)];
            int outputs = in.readVarInt(true);
            long count = in.readVarLong(true);
            long[] confusion = new long[in.readVarInt(true)];
            for (int i = 0; i < confusion.length; i++) {
                confusion[i] = in.readVarLong(true);
            }
            ScoreHistogram scores = in.readBoolean() ? readHistogram(in) : null;
            EvaluationSums sums = new EvaluationSums(output, outputs, count, confusion, scores);
            int parts = in.readVarInt(true);
            for (int p = 0; p < parts; p++) {
                int index = in.readVarInt(true);
                double lossSum = in.readDouble();
                Part part = new Part(index, in.readBoolean() ? readRegression(in) : null);
                part.lossSum = lossSum;
                sums.parts.add(part);
            }
            return sums;
        }

        private static void writeHistogram(Output out, ScoreHistogram h) {
            int nonEmpty = 0;
            for (int b = 0; b < h.bins(); b++) {
                if (h.positives(b) != 0 || h.negatives(b) != 0) {
                    nonEmpty++;
                }
            }
            out.writeVarInt(h.bins(), true);
            out.writeVarInt(nonEmpty, true);
            int previous = 0;
            for (int b = 0; b < h.bins(); b++) {
                if (h.positives(b) != 0 || h.negatives(b) != 0) {
                    out.writeVarInt(b - previous, true);
                    out.writeVarLong(h.positives(b), true);
                    out.writeVarLong(h.negatives(b), true);
                    previous = b;
                }
            }
        }

        private static ScoreHistogram readHistogram(Input in) {
            ScoreHistogram h = new ScoreHistogram(in.readVarInt(true));
            int nonEmpty = in.readVarInt(true);
            int bin = 0;
            for (int i = 0; i < nonEmpty; i++) {
                bin += in.readVarInt(true);
                h.addCounts(bin, in.readVarLong(true), in.readVarLong(true));
            }
            return h;
        }

        private static void writeRegression(Output out, RegressionSums r) {
            try {
                r.writeTo(new DataOutputStream(out)); // unbuffered: writes go straight to out
            } catch (IOException e) {
                throw new KryoException(e);
            }
        }

        private static RegressionSums readRegression(Input in) {
            try {
                return RegressionSums.readFrom(new DataInputStream(in));
            } catch (IOException e) {
                throw new KryoException(e);
            }
        }
    }
}
