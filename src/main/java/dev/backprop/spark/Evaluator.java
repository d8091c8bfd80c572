package dev.backprop.spark;

import dev.backprop.data.Block;
import dev.backprop.data.FeatureScaler;
import dev.backprop.data.Preprocessing;
import dev.backprop.metrics.TargetUnscaler;
import dev.backprop.model.TrainedModel;
import dev.backprop.nn.FlatParameters;
import dev.backprop.nn.MlpGraph;
import dev.backprop.nn.MlpSpec;
import dev.backprop.nn.ParameterLayout;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import java.util.List;

/**
 * Evaluates a network over cached blocks in one pass: the weights are broadcast, every partition sums its blocks
 * into one {@link EvaluationSums}, and the driver merges them as they arrive ({@code reduce}), which
 * {@link EvaluationSums#merge} makes independent of arrival order (floating-point sums are added in partition
 * order when read).
 */
public final class Evaluator {

    private Evaluator() {
    }

    /** Evaluates a saved model; regression metrics on the original scale of its (possibly standardized) targets. */
    public static EvaluationSums evaluate(JavaSparkContext spark, TrainedModel model, JavaRDD<Block> blocks) {
        return evaluate(spark, model.parameters(), blocks, unscaler(model.preprocessing()));
    }

    /**
     * Back to the original scale of the targets, when they were standardized for training: output {@code o} by
     * column {@code o} of the target scaler.
     */
    public static TargetUnscaler unscaler(Preprocessing preprocessing) {
        FeatureScaler target = preprocessing.target();
        return target == null ? TargetUnscaler.IDENTITY : target::unscale;
    }

    /**
     * Evaluates the network of {@code parameters} on {@code blocks}. For a regressor, {@code unscaler} brings
     * predictions and targets back to the original scale before RMSE, MAE and R^2 are summed (the hook for target
     * standardization; {@link TargetUnscaler#IDENTITY} otherwise); classifiers ignore it.
     */
    public static EvaluationSums evaluate(JavaSparkContext spark, FlatParameters parameters, JavaRDD<Block> blocks,
                                          TargetUnscaler unscaler) {
        MlpSpec spec = parameters.layout().spec();
        if (blocks.getNumPartitions() == 0) {
            return EvaluationSums.empty(spec);
        }
        Broadcast<Object> weights = spark.broadcast(PartitionPass.array(parameters));
        try {
            return blocks.mapPartitionsWithIndex((index, it) -> {
                FlatParameters local = PartitionPass.wrap(new ParameterLayout(spec), weights.value());
                MlpGraph graph = new MlpGraph(local);
                EvaluationSums sums = EvaluationSums.forPartition(spec, index);
                it.forEachRemaining(block -> sums.add(graph, block, unscaler));
                return List.of(sums).iterator();
            }, true).reduce(EvaluationSums::merge);
        } finally {
            weights.destroy();
        }
    }
}
