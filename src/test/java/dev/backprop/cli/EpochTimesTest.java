package dev.backprop.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EpochTimesTest {

    private static EpochTimes of(double[] epochs, double[] kernels) {
        EpochTimes times = new EpochTimes();
        for (int i = 0; i < epochs.length; i++) {
            times.add(epochs[i], kernels[i]);
        }
        return times;
    }

    @Test
    void medianLeavesOutTheFirstEpoch() {
        assertEquals(2.0, of(new double[]{100, 3, 1, 2}, new double[4]).medianEpochSeconds());
        assertEquals(2.5, of(new double[]{100, 3, 2, 4, 1}, new double[5]).medianEpochSeconds());
    }

    @Test
    void shareOutsideKernelsIsOneMinusTheKernelFractionMedianAfterTheFirst() {
        // Epochs 10, 2, 4, 1 s with kernels 1, 1.5, 2, 0.75 s: shares 0.9 (first, left out), 0.25, 0.5, 0.25.
        assertEquals(0.25, of(new double[]{10, 2, 4, 1}, new double[]{1, 1.5, 2, 0.75}).shareOutsideKernels());
    }

    @Test
    void oneEpochIsItsOwnMedianAndNoneIsZero() {
        assertEquals(7.0, of(new double[]{7}, new double[1]).medianEpochSeconds());
        assertEquals(0.0, new EpochTimes().medianEpochSeconds());
    }
}
