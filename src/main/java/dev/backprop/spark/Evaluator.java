package dev.backprop.spark;

import dev.backprop.data.Block;
import dev.backprop.model.TrainedModel;
import dev.backprop.nn.FlatParameters;
import dev.backprop.nn.MlpGraph;
import dev.backprop.nn.MlpSpec;
import dev.backprop.nn.ParameterLayout;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import java.util.ArrayList;
import java.util.List;

/** Evaluates a model over cached blocks: one pass, sums per partition, merged on the driver in partition order. */
public final class Evaluator {

    private Evaluator() {
    }

    public static EvaluationSums evaluate(JavaSparkContext spark, TrainedModel model, JavaRDD<Block> blocks) {
        MlpSpec spec = model.spec();
        int classes = spec.output().isClassification() ? Math.max(2, spec.outputs()) : 0;
        Broadcast<Object> weights = spark.broadcast(PartitionPass.array(model.parameters()));
        try {
            List<EvaluationSums> parts = blocks.mapPartitionsWithIndex((index, it) -> {
                FlatParameters parameters = PartitionPass.wrap(new ParameterLayout(spec), weights.value());
                MlpGraph graph = new MlpGraph(parameters);
                EvaluationSums sums = new EvaluationSums(index, classes);
                it.forEachRemaining(block -> sums.add(graph, block));
                return List.of(sums).iterator();
            }, true).collect();
            return EvaluationSums.sum(new ArrayList<>(parts), classes);
        } finally {
            weights.destroy();
        }
    }
}
