package dev.backprop.spark;

import java.io.Serializable;

/**
 * Milliseconds that the task of a partition sleeps before its gradient pass: none in production; tests use it to
 * make tasks finish in a chosen order.
 */
@FunctionalInterface
public interface TaskDelay extends Serializable {

    TaskDelay NONE = (partition, epoch) -> 0;

    long millis(int partition, int epoch);
}
