package dev.backprop.spark;

import dev.backprop.data.Block;
import dev.backprop.nn.Activation;
import dev.backprop.nn.FlatParameters;
import dev.backprop.nn.MlpSpec;
import dev.backprop.nn.OutputLoss;
import dev.backprop.nn.ParameterLayout;
import dev.backprop.nn.MlpGraph;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import dev.backprop.train.GradientSum;
import dev.backprop.train.LocalTrainer;
import dev.backprop.train.TrainingOptions;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The distributed gradient and training equal the single-machine ones; the result is reproducible to the bit. */
class DistributedTrainerTest {

    private static final MlpSpec SPEC = MlpSpec.of(6, new int[] {5, 4}, 3, Activation.TANH,
            OutputLoss.SOFTMAX_CROSS_ENTROPY);
    private static JavaSparkContext spark;

    @BeforeAll
    static void start() {
        spark = SparkTestContext.start("DistributedTrainerTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** 5 blocks of 7 examples whose labels are sorted by class, as in the shipped data. */
    static List<Block> sortedBlocks() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 35;
        Matrix x = Matrix.zeros(Precision.DOUBLE, 6, n);
        Matrix t = Matrix.zeros(Precision.DOUBLE, 3, n);
        for (int j = 0; j < n; j++) {
            int label = j * 3 / n;
            t.set(label, j, 1);
            for (int i = 0; i < 6; i++) {
                x.set(i, j, random.nextGaussian() + label);
            }
        }
        List<Block> blocks = new ArrayList<>();
        for (int from = 0; from < n; from += 7) {
            Block slice = new Block(x, t).slice(from, from + 7);
            blocks.add(new Block(slice.features().copy(), slice.targets().copy()));
        }
        return blocks;
    }

    static FlatParameters initial() {
        return FlatParameters.initialize(new ParameterLayout(SPEC), Precision.DOUBLE, 11);
    }

    static Stream<Arguments> partitionsAndDepths() {
        List<Arguments> cases = new ArrayList<>();
        for (int partitions : new int[] {1, 2, 3, 8}) {
            for (int depth = 1; depth <= 3; depth++) {
                cases.add(Arguments.of(partitions, depth));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} partitions, depth {1}")
    @MethodSource("partitionsAndDepths")
    void distributedGradientEqualsSingleMachineGradient(int partitions, int depth) {
        List<Block> blocks = sortedBlocks();
        FlatParameters weights = initial();
        GradientSum local = new GradientSum(weights.layout(), Precision.DOUBLE);
        MlpGraph graph = new MlpGraph(weights, local.gradient());
        blocks.forEach(b -> local.add(graph, b));

        JavaRDD<Block> rdd = spark.parallelize(blocks, partitions);
        DistributedTrainer trainer = new DistributedTrainer(spark, SPEC,
                new DistributedOptions(1, 0.1, 0, false, depth));
        PassResult distributed = trainer.pass(rdd, weights, true, 1);

        assertEquals(35, distributed.count());
        assertEquals(local.correct(), distributed.correct());
        assertEquals(local.loss(), distributed.lossSum(), 1e-9 * Math.abs(local.loss()));
        assertRelativelyEqual(local.gradient().flat(), distributed.gradientSum(), 1e-9);
    }

    @Test
    void emptyPartitionsContributeNothing() {
        List<Block> blocks = sortedBlocks().subList(0, 2);
        JavaRDD<Block> rdd = spark.parallelize(blocks, 8);
        List<Integer> sizes = rdd.mapPartitions(it -> {
            int size = 0;
            for (; it.hasNext(); it.next()) {
                size++;
            }
            return List.of(size).iterator();
        }).collect();
        assertEquals(6, sizes.stream().filter(size -> size == 0).count(), "partition sizes " + sizes);
        PassResult pass = new DistributedTrainer(spark, SPEC, new DistributedOptions(1, 0.1, 0, false, 2))
                .pass(rdd, initial(), true, 1);
        assertEquals(14, pass.count());
    }

    @Test
    void fiveEpochsEqualTheLocalLoop() {
        List<Block> blocks = sortedBlocks();
        FlatParameters local = initial();
        new LocalTrainer(new TrainingOptions(5, 0.3, 0.01, false, 0, 1)).train(local, blocks);

        FlatParameters distributed = initial();
        List<Double> losses = new ArrayList<>();
        new DistributedTrainer(spark, SPEC, new DistributedOptions(5, 0.3, 0.01, false, 2))
                .train(spark.parallelize(blocks, 3), distributed, (epoch, pass, s) -> losses.add(pass.meanLoss()));

        assertEquals(5, losses.size());
        assertTrue(losses.get(4) < losses.get(0), "loss did not fall: " + losses);
        assertRelativelyEqual(local.flat(), distributed.flat(), 1e-9);
    }

    @Test
    void sameSeedGivesIdenticalBitsWhateverOrderTasksFinishIn() {
        List<Block> blocks = sortedBlocks();
        JavaRDD<Block> rdd = spark.parallelize(blocks, 8);
        FlatParameters first = initial();
        new DistributedTrainer(spark, SPEC, new DistributedOptions(3, 0.3, 0.01, false, 2))
                .withTaskDelay((partition, epoch) -> partition % 2 == 0 ? 150 : 0)
                .train(rdd, first, (e, p, s) -> { });
        FlatParameters second = initial();
        new DistributedTrainer(spark, SPEC, new DistributedOptions(3, 0.3, 0.01, false, 2))
                .withTaskDelay((partition, epoch) -> partition % 2 == 1 ? 150 : (7 - partition) * 20L)
                .train(rdd, second, (e, p, s) -> { });
        assertArrayEquals(first.flat().toDoubleArray(), second.flat().toDoubleArray());
        assertNotEquals(0, first.flat().norm());
    }

    @ParameterizedTest(name = "depth {0}")
    @ValueSource(ints = {1, 3})
    void kernelSecondsAreTheForwardAndBackwardTimeNotTheTasks(int depth) {
        // Every task first waits 300 ms (outside the kernels): a pass takes at least that, its kernels far less. The
        // kernel time crosses the aggregation tree (depth 3 adds executor-side levels) and Kryo, and must arrive > 0.
        JavaRDD<Block> rdd = spark.parallelize(sortedBlocks(), 8);
        long start = System.nanoTime();
        PassResult pass = new DistributedTrainer(spark, SPEC, new DistributedOptions(1, 0.1, 0, false, depth))
                .withTaskDelay((partition, epoch) -> 300)
                .pass(rdd, initial(), true, 1);
        double wall = (System.nanoTime() - start) / 1e9;
        assertTrue(wall >= 0.3, "wall " + wall);
        assertTrue(pass.kernelSeconds() > 0, "kernel seconds " + pass.kernelSeconds());
        assertTrue(pass.kernelSeconds() < 0.25, "kernel seconds " + pass.kernelSeconds() + " include the wait");
    }

    static void assertRelativelyEqual(Matrix expected, Matrix actual, double tolerance) {
        assertEquals(expected.shape(), actual.shape());
        Matrix difference = actual.copy();
        difference.axpy(-1, expected);
        double relative = difference.norm() / Math.max(expected.norm(), 1e-300);
        assertTrue(relative <= tolerance, "relative difference " + relative + " above " + tolerance);
    }
}
