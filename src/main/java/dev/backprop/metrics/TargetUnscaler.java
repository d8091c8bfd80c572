package dev.backprop.metrics;

import java.io.Serializable;

/**
 * The hook that brings a regression output back to its original scale before RMSE, MAE and R^2 are computed: it
 * is applied to the network's prediction and to the target alike, so that a model trained on standardized targets
 * is judged in the units of the data. It runs on the executors, hence serializable. {@link #IDENTITY} for targets
 * that were not transformed.
 */
@FunctionalInterface
public interface TargetUnscaler extends Serializable {

    /** Targets used as they are. */
    TargetUnscaler IDENTITY = (output, value) -> value;

    /**
     * The value of regression output {@code output} (0-based) on the original scale, given {@code value} on the
     * scale the network was trained on (for standardized targets: {@code value * std + mean}).
     */
    double unscale(int output, double value);
}
