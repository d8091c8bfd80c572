package dev.backprop.train;

import dev.backprop.data.Block;
import dev.backprop.nn.FlatParameters;
import dev.backprop.nn.MlpGraph;
import dev.backprop.nn.OutputLoss;
import dev.backprop.optim.GradientDescent;
import dev.backprop.tensor.Matrix;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Gradient descent with the L2 regularizer in one JVM. Full batch: each epoch sums the loss and gradient over
 * every block, divides by the number of examples and takes one step, exactly what the distributed trainer does
 * with partitions. Mini-batch: each epoch cuts the examples into batches of {@code batchSize} (blocks are split,
 * never merged), visits them in a seeded random order, and takes one step per batch.
 */
public final class LocalTrainer {

    private final TrainingOptions options;

    public LocalTrainer(TrainingOptions options) {
        this.options = options;
    }

    /** The objective of one epoch: mean data loss plus the regularizer, before that epoch's last step. */
    public record EpochResult(int epoch, double meanLoss, double objective) {
    }

    /**
     * Trains {@code parameters} in place on {@code blocks}; returns one result per epoch.
     */
    public List<EpochResult> train(FlatParameters parameters, List<Block> blocks) {
        Matrix mask = parameters.layout().regularizationMask(parameters.flat().precision(),
                options.regularizeBiases());
        GradientDescent rule = new GradientDescent(options.learningRate(), options.l2(), mask);
        GradientSum sum = new GradientSum(parameters.layout(), parameters.flat().precision());
        MlpGraph graph = new MlpGraph(parameters, sum.gradient());
        List<Block> batches = options.batchSize() == 0 ? List.of() : batches(blocks, options.batchSize());
        Random order = new Random(options.seed());
        List<EpochResult> history = new ArrayList<>();
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            if (options.batchSize() == 0) {
                sum.clear();
                for (Block block : blocks) {
                    sum.add(graph, block);
                }
                double objective = sum.loss() / sum.weight() + rule.penalty(parameters.flat());
                rule.update(parameters.flat(), sum.meanGradient());
                history.add(new EpochResult(epoch, sum.loss() / sum.weight(), objective));
            } else {
                List<Block> shuffled = new ArrayList<>(batches);
                Collections.shuffle(shuffled, order);
                double loss = 0;
                double weight = 0;
                for (Block batch : shuffled) {
                    sum.clear();
                    sum.add(graph, batch);
                    loss += sum.loss();
                    weight += sum.weight();
                    rule.update(parameters.flat(), sum.meanGradient());
                }
                history.add(new EpochResult(epoch, loss / weight, loss / weight + rule.penalty(parameters.flat())));
            }
        }
        return history;
    }

    /** Batches of at most {@code size} examples cut from the blocks, as views. */
    static List<Block> batches(List<Block> blocks, int size) {
        List<Block> batches = new ArrayList<>();
        for (Block block : blocks) {
            for (int from = 0; from < block.size(); from += size) {
                batches.add(block.slice(from, Math.min(block.size(), from + size)));
            }
        }
        return batches;
    }

    /** Fraction of examples whose predicted class (argmax, or output above 0.5 for one output) is the target's. */
    public static double accuracy(FlatParameters parameters, List<Block> blocks) {
        MlpGraph graph = new MlpGraph(parameters);
        long correct = 0;
        long total = 0;
        for (Block block : blocks) {
            Matrix out = graph.predict(block.features());
            for (int j = 0; j < block.size(); j++) {
                if (OutputLoss.targetClass(out, j) == OutputLoss.targetClass(block.targets(), j)) {
                    correct++;
                }
            }
            total += block.size();
        }
        return total == 0 ? Double.NaN : (double) correct / total;
    }
}
