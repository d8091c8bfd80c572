package dev.backprop.spark;

import dev.backprop.data.ExampleStatistics;
import dev.backprop.data.FeatureScaler;
import dev.backprop.data.LabeledPoint;
import org.apache.spark.api.java.JavaRDD;

import java.util.Iterator;
import java.util.List;

/**
 * Fits the statistics behind feature and target scaling in one distributed pass: every partition accumulates its
 * examples into one {@link ExampleStatistics} (Welford's update, implicit zeros merged in analytically), and the
 * driver merges the partitions' statistics in partition index order (Chan et al.'s formula), so that the result is
 * the same to the bit for the same data and partitioning, whichever task finishes first.
 */
public final class ScalerFit {

    private ScalerFit() {
    }

    /**
     * The statistics of the features (at least {@code features} columns; more if an example has a larger index)
     * and labels of {@code points}, one label each, in one pass.
     */
    public static ExampleStatistics statistics(JavaRDD<LabeledPoint> points, int features) {
        return statistics(points, features, 1);
    }

    /**
     * The statistics of the features (at least {@code features} columns; more if an example has a larger index)
     * and labels of {@code points}, {@code targets} labels each (one per regression target), in one pass.
     */
    public static ExampleStatistics statistics(JavaRDD<LabeledPoint> points, int features, int targets) {
        // collect() returns the elements of partition 0 first, then of partition 1, and so on: exactly one per
        // partition here, so the list is in partition index order
        List<ExampleStatistics> partitions = points.mapPartitions(
                (Iterator<LabeledPoint> it) -> {
                    ExampleStatistics statistics = new ExampleStatistics(features, targets);
                    it.forEachRemaining(statistics::add);
                    return List.of(statistics).iterator();
                }, false).collect();
        if (partitions.size() != points.getNumPartitions()) {
            throw new IllegalStateException("expected statistics of " + points.getNumPartitions()
                    + " partitions, got " + partitions.size());
        }
        ExampleStatistics merged = new ExampleStatistics(features, targets);
        partitions.forEach(merged::merge);
        return merged;
    }

    /**
     * {@code points} with features scaled by {@code features} and labels by {@code labels}, whose columns are the
     * labels of each point (one for a single label); the identity of either is skipped.
     */
    public static JavaRDD<LabeledPoint> scale(JavaRDD<LabeledPoint> points, FeatureScaler features,
                                              FeatureScaler labels) {
        if (features.isIdentity() && labels.isIdentity()) {
            return points;
        }
        if (labels.isIdentity()) {
            return points.map(features::apply);
        }
        return points.map(p -> labels.applyToLabels(features.apply(p)));
    }
}
