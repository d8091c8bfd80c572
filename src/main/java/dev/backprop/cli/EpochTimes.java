package dev.backprop.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The seconds of each epoch and of its gradient kernels, summarised for the results line. */
final class EpochTimes {

    private final List<Double> epochSeconds = new ArrayList<>();
    private final List<Double> shareOutside = new ArrayList<>();

    /**
     * Records an epoch: its seconds (gradient pass and update) and the seconds the slowest partition spent in forward
     * and backward.
     */
    void add(double seconds, double kernelSeconds) {
        epochSeconds.add(seconds);
        shareOutside.add(seconds > 0 ? Math.max(0, 1 - kernelSeconds / seconds) : 0);
    }

    /**
     * The median of the epochs after the first (the first pays for JIT compilation and first-touch allocation), or
     * the first epoch's time when there is only one; 0 for none.
     */
    double medianEpochSeconds() {
        return medianAfterFirst(epochSeconds);
    }

    /**
     * The share of an epoch spent outside the gradient kernels (scheduling, serialization, aggregation, update):
     * {@code 1 - kernel / epoch} per epoch, the median over the epochs after the first (the first alone if only one).
     * The kernel time is the slowest partition's, so the share is meaningful with one partition per core.
     */
    double shareOutsideKernels() {
        return medianAfterFirst(shareOutside);
    }

    private static double medianAfterFirst(List<Double> values) {
        List<Double> warm = values.size() > 1 ? values.subList(1, values.size()) : values;
        if (warm.isEmpty()) {
            return 0;
        }
        double[] sorted = warm.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
