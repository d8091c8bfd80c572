package dev.backprop.spark;

import dev.backprop.data.Block;
import dev.backprop.nn.FlatParameters;
import dev.backprop.nn.MlpSpec;
import dev.backprop.optim.GradientDescent;
import dev.backprop.tensor.Matrix;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Full-batch gradient descent over cached blocks on Spark, one step per epoch (DESIGN.md section 3):
 * <ol>
 *   <li>the driver broadcasts the weights;</li>
 *   <li>each partition runs forward and backward over its blocks and sums (loss, gradient, count);</li>
 *   <li>the sums are tree-aggregated in partition-index order ({@link TreeAggregation});</li>
 *   <li>the driver divides by the total example weight (the number of examples when unweighted), adds {@code lambda w} (weights; biases if asked), applies
 *       {@code w <- w - alpha g}, and destroys the epoch's broadcast.</li>
 * </ol>
 */
public final class DistributedTrainer {

    private final JavaSparkContext spark;
    private final MlpSpec spec;
    private final DistributedOptions options;
    private TaskDelay delay = TaskDelay.NONE;

    public DistributedTrainer(JavaSparkContext spark, MlpSpec spec, DistributedOptions options) {
        this.spark = spark;
        this.spec = spec;
        this.options = options;
    }

    /** Sets a per-partition delay (tests: to make tasks finish in a chosen order). */
    public DistributedTrainer withTaskDelay(TaskDelay taskDelay) {
        this.delay = taskDelay;
        return this;
    }

    /** Trains {@code parameters} in place for the configured epochs. */
    public void train(JavaRDD<Block> blocks, FlatParameters parameters, EpochListener listener) {
        Matrix mask = parameters.layout().regularizationMask(parameters.flat().precision(),
                options.regularizeBiases());
        GradientDescent rule = new GradientDescent(options.learningRate(), options.l2(), mask);
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            long start = System.nanoTime();
            spark.setJobDescription("epoch " + epoch + "/" + options.epochs() + ": gradient pass");
            PassResult pass = pass(blocks, parameters, true, epoch);
            if (pass.count() == 0) {
                throw new IllegalStateException("the training data holds no examples");
            }
            if (!(pass.weight() > 0)) {
                throw new IllegalStateException("the weights of the training examples sum to " + pass.weight());
            }
            Matrix mean = pass.gradientSum();
            mean.scale(1.0 / pass.weight());
            rule.update(parameters.flat(), mean);
            listener.epochEnded(epoch, pass, (System.nanoTime() - start) / 1e9);
        }
        spark.setJobDescription(null);
    }

    /** One distributed pass with {@code parameters}: summed loss and count, and the summed gradient if asked. */
    public PassResult pass(JavaRDD<Block> blocks, FlatParameters parameters, boolean withGradient, int epoch) {
        Broadcast<Object> weights = spark.broadcast(PartitionPass.array(parameters));
        try {
            JavaRDD<PartialSum> partials = blocks.mapPartitionsWithIndex(
                    new PartitionPass(spec, weights, withGradient, epoch, delay), true);
            PartialSum total = TreeAggregation.aggregate(partials, options.aggregationDepth());
            return new PassResult(total.loss, total.weight, total.count, total.correct, total.gradient,
                    total.kernelSeconds);
        } finally {
            weights.destroy();
        }
    }
}
