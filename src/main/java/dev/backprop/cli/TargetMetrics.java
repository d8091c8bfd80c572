package dev.backprop.cli;

import dev.backprop.spark.EvaluationSums;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The per-target metrics of a regression with several targets, as the JSON lines hold them: {@code rmse_by_target},
 * {@code mae_by_target} and {@code r2_by_target}, each an object from target name to the figure on the original
 * scale, in target order. Nothing for a single target (its {@code rmse}, {@code mae}, {@code r2} are its own) or a
 * classifier, so that their JSON lines keep their keys.
 */
final class TargetMetrics {

    static final String SUFFIX = "_by_target";

    private TargetMetrics() {
    }

    /** The per-target objects of {@code sums}, keyed {@code rmse_by_target} and so on; empty for one target. */
    static Map<String, Map<String, Double>> of(EvaluationSums sums, IntFunction<String> targetNames) {
        Map<String, Map<String, Double>> byTarget = new LinkedHashMap<>();
        sums.metricsByOutput().forEach((metric, values) -> {
            Map<String, Double> named = new LinkedHashMap<>();
            for (int o = 0; o < values.length; o++) {
                named.put(targetNames.apply(o), values[o]);
            }
            byTarget.put(metric + SUFFIX, named);
        });
        return byTarget;
    }
}
