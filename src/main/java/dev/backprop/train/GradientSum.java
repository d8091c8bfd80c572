package dev.backprop.train;

import dev.backprop.data.Block;
import dev.backprop.nn.FlatParameters;
import dev.backprop.nn.MlpGraph;
import dev.backprop.nn.OutputLoss;
import dev.backprop.nn.ParameterLayout;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;

/**
 * The sum over some examples of the data loss and of its gradient, with the total example weight and the number of
 * examples: what one partition computes and what partitions merge.
 *
 * <p>Example weights: a block with weights adds {@code sum_j w_j l_j} and its gradient, and {@code sum_j w_j} to
 * {@link #weight()}; a block without adds its plain sums and its size. The driver divides by {@link #weight()} once,
 * at the end ({@link #meanGradient()}), so that the mean is the weighted mean over all examples and not a mean of
 * block means; with no weights, or unit weights, the total weight equals the example count exactly and the mean is
 * the plain mean. {@link #count()} stays the number of examples, for reporting (accuracy is per example,
 * unweighted).
 */
public final class GradientSum {

    private double loss;
    private double weight;
    private long count;
    private long correct;
    private final FlatParameters gradient;

    /** An empty sum for parameters of {@code layout}. */
    public GradientSum(ParameterLayout layout, Precision precision) {
        this.gradient = FlatParameters.zeros(layout, precision);
    }

    /** Adds one block: runs forward and backward on {@code graph}, which must add into {@link #gradient()}. */
    public void add(MlpGraph graph, Block block) {
        if (block.size() > 0) {
            loss += graph.addLossAndGradient(block.features(), block.targets(), block.weights());
            countExamples(graph, block);
        }
    }

    /** Adds one block's loss and correct predictions only: forward, no backward, gradient untouched. */
    public void addLoss(MlpGraph graph, Block block) {
        if (block.size() > 0) {
            loss += graph.loss(block.features(), block.targets(), block.weights());
            countExamples(graph, block);
        }
    }

    private void countExamples(MlpGraph graph, Block block) {
        count += block.size();
        weight += block.totalWeight();
        if (graph.spec().output().isClassification()) {
            Matrix logits = graph.logits();
            for (int j = 0; j < block.size(); j++) {
                if (OutputLoss.predictedClass(logits, j) == OutputLoss.targetClass(block.targets(), j)) {
                    correct++;
                }
            }
        }
    }

    /** Adds another sum into this one. */
    public GradientSum merge(GradientSum other) {
        gradient.flat().axpy(1, other.gradient.flat()); // first: a refused merge (shapes differ) changes nothing
        loss += other.loss;
        weight += other.weight;
        count += other.count;
        correct += other.correct;
        return this;
    }

    /** Empties the sum for reuse. */
    public void clear() {
        loss = 0;
        weight = 0;
        count = 0;
        correct = 0;
        gradient.flat().fill(0);
    }

    /** Summed loss over the examples added, each weighted by its example weight. */
    public double loss() {
        return loss;
    }

    /**
     * The sum of the weights of the examples added (an unweighted example weighs 1): the denominator of the mean
     * loss and of {@link #meanGradient()}. Equal to {@link #count()} when no block had weights.
     */
    public double weight() {
        return weight;
    }

    /** Examples added (unweighted), for reporting and accuracy. */
    public long count() {
        return count;
    }

    /** Examples whose predicted class (from the logits before the step) was right; 0 for regression. */
    public long correct() {
        return correct;
    }

    /** Summed gradient over the examples added; an {@link MlpGraph} bound to it adds into it. */
    public FlatParameters gradient() {
        return gradient;
    }

    /** The mean gradient, a new vector: the (weighted) sum divided by the total weight. */
    public Matrix meanGradient() {
        if (count == 0) {
            throw new IllegalStateException("no examples were added: the mean gradient is undefined");
        }
        if (weight == 0) {
            throw new IllegalStateException("the " + count + " examples added all have weight 0: the mean gradient"
                    + " is undefined");
        }
        Matrix mean = gradient.flat().copy();
        mean.scale(1.0 / weight);
        return mean;
    }
}
