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
        if (seconds.isEmpty()) {
            return 0;
        }
        if (seconds.size() == 1) {
            return seconds.get(0);
        }
        double[] warm = seconds.subList(1, seconds.size()).stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(warm);
        int mid = warm.length / 2;
        return warm.length % 2 == 1 ? warm[mid] : (warm[mid - 1] + warm[mid]) / 2;
    }
}
