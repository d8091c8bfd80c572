package dev.backprop.spark;

import dev.backprop.data.Block;
import dev.backprop.nn.FlatParameters;
import dev.backprop.nn.MlpGraph;
import dev.backprop.nn.MlpSpec;
import dev.backprop.nn.ParameterLayout;
import dev.backprop.tensor.DoubleMatrix;
import dev.backprop.tensor.FloatMatrix;
import dev.backprop.tensor.Matrix;
import dev.backprop.train.GradientSum;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

import java.util.Iterator;
import java.util.List;

/**
 * The task of one partition in one pass: wraps the broadcast weights (no copy), runs forward (and backward for a
 * gradient pass) over the partition's cached blocks, and returns one {@link PartialSum} tagged with the partition
 * index. The gradient buffer is allocated here, on the executor; only the spec and the broadcast handle travel with
 * the task.
 */
final class PartitionPass implements Function2<Integer, Iterator<Block>, Iterator<PartialSum>> {

    private static final long serialVersionUID = 1L;

    private final MlpSpec spec;
    private final Broadcast<?> weights;
    private final boolean withGradient;
    private final int epoch;
    private final TaskDelay delay;

    PartitionPass(MlpSpec spec, Broadcast<?> weights, boolean withGradient, int epoch, TaskDelay delay) {
        this.spec = spec;
        this.weights = weights;
        this.withGradient = withGradient;
        this.epoch = epoch;
        this.delay = delay;
    }

    @Override
    public Iterator<PartialSum> call(Integer partition, Iterator<Block> blocks) throws InterruptedException {
        long sleep = delay.millis(partition, epoch);
        if (sleep > 0) {
            Thread.sleep(sleep);
        }
        FlatParameters parameters = wrap(new ParameterLayout(spec), weights.value());
        GradientSum sum = new GradientSum(parameters.layout(), parameters.flat().precision());
        MlpGraph graph = new MlpGraph(parameters, sum.gradient());
        long kernelNanos = 0;
        while (blocks.hasNext()) {
            Block block = blocks.next();
            long start = System.nanoTime();
            if (withGradient) {
                sum.add(graph, block);
            } else {
                sum.addLoss(graph, block);
            }
            kernelNanos += System.nanoTime() - start;
        }
        return List.of(PartialSum.of(partition, sum, withGradient, kernelNanos / 1e9)).iterator();
    }

    /** The broadcast array seen as flat parameters, without a copy. */
    static FlatParameters wrap(ParameterLayout layout, Object array) {
        Matrix flat = array instanceof float[] f
                ? new FloatMatrix(f, 0, f.length, 1)
                : new DoubleMatrix((double[]) array, 0, ((double[]) array).length, 1);
        return new FlatParameters(layout, flat);
    }

    /** The primitive array behind flat parameters, for broadcasting. */
    static Object array(FlatParameters parameters) {
        Matrix flat = parameters.flat();
        if (flat instanceof FloatMatrix f && f.offset() == 0 && f.data().length == f.size()) {
            return f.data().clone();
        }
        if (flat instanceof DoubleMatrix d && d.offset() == 0 && d.data().length == d.size()) {
            return d.data().clone();
        }
        return array(new FlatParameters(parameters.layout(), flat.copy()));
    }
}
