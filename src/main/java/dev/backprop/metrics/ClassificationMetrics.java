package dev.backprop.metrics;

import java.util.Arrays;

/**
 * Precision, recall, F1 and support per class, their macro and weighted averages, and accuracy, read from a
 * confusion matrix (row: true class, column: predicted class). The definitions are scikit-learn's
 * ({@code precision_recall_fscore_support}, {@code classification_report}) with {@code zero_division=0}:
 * <ul>
 *   <li>precision of class k = tp / (tp + fp), and 0 when k is never predicted (0/0);</li>
 *   <li>recall of class k = tp / (tp + fn), and 0 when k never occurs (support 0);</li>
 *   <li>F1 of class k = 2 tp / (2 tp + fp + fn), the harmonic mean of precision and recall, and 0 when k neither
 *       occurs nor is predicted;</li>
 *   <li>macro averages: the plain mean over the classes that occur or are predicted, as scikit-learn's default
 *       label set {@code unique_labels(y_true, y_pred)}: a class of the model absent from both is listed with
 *       zeros but does not drag the averages down;</li>
 *   <li>weighted averages: the mean weighted by support (absent classes weigh 0), and 0 when there is no
 *       example;</li>
 *   <li>accuracy: the diagonal over the total, 0 when there is no example.</li>
 * </ul>
 * Every value is finite. Immutable; built once from the merged confusion matrix.
 */
public final class ClassificationMetrics {

    private final int classes;
    private final long[] confusion;
    private final long total;
    private final long[] support;
    private final long[] predicted;
    private final double[] precision;
    private final double[] recall;
    private final double[] f1;

    private ClassificationMetrics(int classes, long[] confusion) {
        this.classes = classes;
        this.confusion = confusion;
        support = new long[classes];
        predicted = new long[classes];
        long sum = 0;
        for (int actual = 0; actual < classes; actual++) {
            for (int guess = 0; guess < classes; guess++) {
                long c = confusion[actual * classes + guess];
                if (c < 0) {
                    throw new IllegalArgumentException("confusion[" + actual + "][" + guess + "] is negative: " + c);
                }
                support[actual] += c;
                predicted[guess] += c;
                sum += c;
            }
        }
        total = sum;
        precision = new double[classes];
        recall = new double[classes];
        f1 = new double[classes];
        for (int k = 0; k < classes; k++) {
            long tp = confusion[k * classes + k];
            long fp = predicted[k] - tp;
            long fn = support[k] - tp;
            precision[k] = divide(tp, tp + fp);
            recall[k] = divide(tp, tp + fn);
            f1[k] = divide(2.0 * tp, 2.0 * tp + fp + fn);
        }
    }

    /** Metrics of a square confusion matrix {@code confusion[actual][predicted]}; the array is copied. */
    public static ClassificationMetrics of(long[][] confusion) {
        int k = confusion.length;
        long[] flat = new long[k * k];
        for (int r = 0; r < k; r++) {
            if (confusion[r].length != k) {
                throw new IllegalArgumentException("the confusion matrix is not square: row " + r + " has "
                        + confusion[r].length + " cells, there are " + k + " rows");
            }
            System.arraycopy(confusion[r], 0, flat, r * k, k);
        }
        return new ClassificationMetrics(k, flat);
    }

    /** Metrics of a confusion matrix stored row by row ({@code [actual * classes + predicted]}); copied. */
    public static ClassificationMetrics ofRowMajor(long[] confusion, int classes) {
        if (classes < 1 || confusion.length != (long) classes * classes) {
            throw new IllegalArgumentException("a confusion matrix of " + classes + " classes has " + classes + "^2 "
                    + "cells, not " + confusion.length);
        }
        return new ClassificationMetrics(classes, confusion.clone());
    }

    /** 0/0 (and x/0) is 0: scikit-learn's {@code zero_division=0}. */
    private static double divide(double numerator, double denominator) {
        return denominator == 0 ? 0 : numerator / denominator;
    }

    public int classes() {
        return classes;
    }

    /** Number of examples counted. */
    public long total() {
        return total;
    }

    /** Examples of true class {@code actual} predicted as {@code predicted}. */
    public long confusion(int actual, int predictedClass) {
        return confusion[actual * classes + predictedClass];
    }

    /** Examples whose true class is {@code k}. */
    public long support(int k) {
        return support[k];
    }

    /** Examples predicted as class {@code k}. */
    public long predictedCount(int k) {
        return predicted[k];
    }

    /** Whether class {@code k} occurs or is predicted: whether it counts in the macro averages. */
    public boolean isPresent(int k) {
        return support[k] > 0 || predicted[k] > 0;
    }

    public double precision(int k) {
        return precision[k];
    }

    public double recall(int k) {
        return recall[k];
    }

    public double f1(int k) {
        return f1[k];
    }

    /** Fraction of examples on the diagonal (0 without examples). */
    public double accuracy() {
        long right = 0;
        for (int k = 0; k < classes; k++) {
            right += confusion[k * classes + k];
        }
        return divide(right, total);
    }

    public double macroPrecision() {
        return macro(precision);
    }

    public double macroRecall() {
        return macro(recall);
    }

    /** The mean of the per-class F1 scores (not the F1 of the macro precision and recall), as scikit-learn. */
    public double macroF1() {
        return macro(f1);
    }

    public double weightedPrecision() {
        return weighted(precision);
    }

    /** Support-weighted recall, which equals accuracy. */
    public double weightedRecall() {
        return weighted(recall);
    }

    public double weightedF1() {
        return weighted(f1);
    }

    private double macro(double[] values) {
        double sum = 0;
        int present = 0;
        for (int k = 0; k < classes; k++) {
            if (isPresent(k)) {
                sum += values[k];
                present++;
            }
        }
        return divide(sum, present);
    }

    private double weighted(double[] values) {
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            sum += support[k] * values[k];
        }
        return divide(sum, total);
    }

    @Override
    public String toString() {
        return "ClassificationMetrics{classes=" + classes + ", confusion=" + Arrays.toString(confusion) + "}";
    }
}
