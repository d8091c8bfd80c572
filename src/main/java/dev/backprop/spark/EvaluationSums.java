package dev.backprop.spark;

import dev.backprop.data.Block;
import dev.backprop.nn.MlpGraph;
import dev.backprop.nn.OutputLoss;
import dev.backprop.tensor.Matrix;

import java.util.List;

/**
 * What evaluation sums over examples: the count, the loss, the confusion matrix of classifiers (row: true class,
 * column: predicted class) and the squared and absolute errors of regressors (over all outputs).
 */
public final class EvaluationSums {

    int index;
    long count;
    double lossSum;
    long[] confusion;
    double squaredError;
    double absoluteError;

    EvaluationSums() {
    }

    EvaluationSums(int index, int classes) {
        this.index = index;
        this.confusion = new long[classes * classes];
    }

    /** Adds one block, evaluated with {@code graph}. */
    void add(MlpGraph graph, Block block) {
        if (block.size() == 0) {
            return;
        }
        lossSum += graph.loss(block.features(), block.targets());
        count += block.size();
        OutputLoss output = graph.spec().output();
        Matrix logits = graph.logits();
        if (output.isClassification()) {
            int classes = classes();
            for (int j = 0; j < block.size(); j++) {
                int actual = OutputLoss.targetClass(block.targets(), j);
                confusion[actual * classes + OutputLoss.predictedClass(logits, j)]++;
            }
        } else {
            Matrix predicted = logits.newZeros(logits.rows(), logits.cols());
            output.predict(logits, predicted);
            for (int i = 0; i < predicted.size(); i++) {
                double e = predicted.get(i) - block.targets().get(i);
                squaredError += e * e;
                absoluteError += Math.abs(e);
            }
        }
    }

    /** The sum of {@code parts} in index order. */
    static EvaluationSums sum(List<EvaluationSums> parts, int classes) {
        EvaluationSums total = new EvaluationSums(0, classes);
        parts.stream().sorted(java.util.Comparator.comparingInt(p -> p.index)).forEach(p -> {
            total.count += p.count;
            total.lossSum += p.lossSum;
            total.squaredError += p.squaredError;
            total.absoluteError += p.absoluteError;
            for (int i = 0; i < total.confusion.length; i++) {
                total.confusion[i] += p.confusion[i];
            }
        });
        return total;
    }

    public long count() {
        return count;
    }

    /** Number of classes of the confusion matrix (2 for a single sigmoid output). */
    public int classes() {
        return (int) Math.round(Math.sqrt(confusion.length));
    }

    /** Mean loss per example: the log-loss (cross-entropy) of classifiers, 1/2 the mean squared error of others. */
    public double meanLoss() {
        return lossSum / count;
    }

    /** Examples of true class {@code actual} predicted as {@code predicted}. */
    public long confusion(int actual, int predicted) {
        return confusion[actual * classes() + predicted];
    }

    public double accuracy() {
        long right = 0;
        for (int k = 0; k < classes(); k++) {
            right += confusion(k, k);
        }
        return (double) right / count;
    }

    /** Root mean squared error over all outputs of all examples. */
    public double rmse(int outputs) {
        return Math.sqrt(squaredError / (count * (double) outputs));
    }

    /** Mean absolute error over all outputs of all examples. */
    public double mae(int outputs) {
        return absoluteError / (count * (double) outputs);
    }
}
