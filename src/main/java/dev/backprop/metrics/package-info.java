/**
 * Evaluation metrics without Spark, as sums that partitions compute and merge, and the numbers read from them:
 * {@link dev.backprop.metrics.ClassificationMetrics} (per-class precision, recall, F1 and support, macro and
 * weighted averages, accuracy, from a confusion matrix), {@link dev.backprop.metrics.ScoreHistogram} (ROC AUC
 * from histograms of the positive-class probability) and {@link dev.backprop.metrics.RegressionSums} (RMSE, MAE and
 * R^2 per output, on the original scale through a {@link dev.backprop.metrics.TargetUnscaler}). Counts merge
 * exactly in any order; floating-point sums are merged by the caller in partition order. Depends on tensor only.
 */
package dev.backprop.metrics;
