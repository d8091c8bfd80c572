package dev.backprop.cli;

import java.util.Arrays;
import java.util.List;

/** Summaries of epoch durations for the results line. */
final class EpochTimes {

    private EpochTimes() {
    }

    /**
     * The median of the epochs after the first (the first pays for JIT compilation and first-touch allocation), or
     * the first epoch's time when there is only one; 0 for none.
     */
    static double medianAfterFirst(List<Double> seconds) {
        return median(seconds.size() > 1 ? seconds.subList(1, seconds.size()) : seconds);
    }

    /**
     * The share of an epoch spent outside the gradient kernels (scheduling, serialization, aggregation, update):
     * {@code 1 - kernel / epoch} per epoch, the median over the epochs after the first (the first alone if only one).
     * The kernel time is the slowest partition's, so the share is meaningful with one partition per core.
     */
    static double shareOutsideKernels(List<Double> epochSeconds, List<Double> kernelSeconds) {
        List<Double> shares = new java.util.ArrayList<>();
        for (int i = 0; i < epochSeconds.size(); i++) {
            shares.add(epochSeconds.get(i) > 0 ? Math.max(0, 1 - kernelSeconds.get(i) / epochSeconds.get(i)) : 0);
        }
        return medianAfterFirst(shares);
    }

    private static double median(List<Double> seconds) {
        if (seconds.isEmpty()) {
            return 0;
        }
        double[] warm = seconds.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(warm);
        int mid = warm.length / 2;
        return warm.length % 2 == 1 ? warm[mid] : (warm[mid - 1] + warm[mid]) / 2;
    }
}
