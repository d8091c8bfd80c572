package dev.backprop.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EpochTimesTest {

    @Test
    void medianLeavesOutTheFirstEpoch() {
        assertEquals(2.0, EpochTimes.medianAfterFirst(List.of(100.0, 3.0, 1.0, 2.0)));
        assertEquals(2.5, EpochTimes.medianAfterFirst(List.of(100.0, 3.0, 2.0, 4.0, 1.0)));
    }

    @Test
    void shareOutsideKernelsIsOneMinusTheKernelFractionMedianAfterTheFirst() {
        // Epochs 10, 2, 4, 1 s with kernels 1, 1.5, 2, 0.75 s: shares 0.9 (first, left out), 0.25, 0.5, 0.25.
        assertEquals(0.25, EpochTimes.shareOutsideKernels(List.of(10.0, 2.0, 4.0, 1.0), List.of(1.0, 1.5, 2.0, 0.75)));
    }

    @Test
    void oneEpochIsItsOwnMedianAndNoneIsZero() {
        assertEquals(7.0, EpochTimes.medianAfterFirst(List.of(7.0)));
        assertEquals(0.0, EpochTimes.medianAfterFirst(List.of()));
    }
}
