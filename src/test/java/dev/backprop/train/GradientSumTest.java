package dev.backprop.train;

import dev.backprop.data.Block;
import dev.backprop.nn.Activation;
import dev.backprop.nn.FlatParameters;
import dev.backprop.nn.MlpGraph;
import dev.backprop.nn.MlpSpec;
import dev.backprop.nn.OutputLoss;
import dev.backprop.nn.ParameterLayout;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The (loss, gradient, weight, count) sum: blocks add up to the whole, merges in any grouping give the total; example
 * weights enter the loss, the gradient and the total weight that the mean divides by.
 */
class GradientSumTest {

    private static final MlpSpec SPEC =
            MlpSpec.of(4, new int[] {5}, 3, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY);
    private static final ParameterLayout LAYOUT = new ParameterLayout(SPEC);
    private static final int N = 10;

    private FlatParameters parameters;
    private Block all;
    private List<Block> parts;

    @BeforeEach
    void setUp() {
        parameters = FlatParameters.initialize(LAYOUT, Precision.DOUBLE, 17);
        SplittableRandom random = new SplittableRandom(18);
        for (int l = 0; l < SPEC.layers(); l++) {
            for (int i = 0; i < parameters.bias(l).size(); i++) {
                parameters.bias(l).set(i, 0.3 * random.nextGaussian());
            }
        }
        Matrix x = Matrix.zeros(Precision.DOUBLE, 4, N);
        Matrix t = Matrix.zeros(Precision.DOUBLE, 3, N);
        for (int j = 0; j < N; j++) {
            for (int r = 0; r < 4; r++) {
                x.set(r, j, random.nextGaussian());
            }
            t.set(random.nextInt(3), j, 1);
        }
        all = new Block(x, t);
        // Unequal blocks, copied so that they share nothing with the whole block.
        parts = List.of(copy(all.slice(0, 2)), copy(all.slice(2, 7)), copy(all.slice(7, 10)));
    }

    private static Block copy(Block b) {
        return new Block(b.features().copy(), b.targets().copy());
    }

    private GradientSum sumOf(List<Block> blocks) {
        GradientSum sum = new GradientSum(LAYOUT, Precision.DOUBLE);
        MlpGraph graph = new MlpGraph(parameters, sum.gradient());
        for (Block b : blocks) {
            sum.add(graph, b);
        }
        return sum;
    }

    private static void assertSameSum(GradientSum expected, GradientSum actual) {
        assertEquals(expected.count(), actual.count());
        assertEquals(expected.weight(), actual.weight(), 1e-12 * expected.weight());
        assertEquals(expected.loss(), actual.loss(), 1e-12 * Math.abs(expected.loss()));
        Matrix e = expected.gradient().flat();
        Matrix a = actual.gradient().flat();
        Matrix diff = a.copy();
        diff.axpy(-1, e);
        assertTrue(e.norm() > 0);
        assertTrue(diff.norm() <= 1e-12 * e.norm(), "relative difference " + diff.norm() / e.norm());
    }

    @Test
    void blocksAddUpToTheConcatenatedBlock() {
        GradientSum whole = sumOf(List.of(all));
        GradientSum byBlocks = sumOf(parts);
        assertEquals(N, whole.count());
        assertSameSum(whole, byBlocks);
    }

    @Test
    void blocksAddUpWithOneGraphReboundToEachPartialSum() {
        // One graph per executor, bound in turn to each partition's sum.
        GradientSum whole = sumOf(List.of(all));
        MlpGraph graph = new MlpGraph(parameters);
        GradientSum total = new GradientSum(LAYOUT, Precision.DOUBLE);
        for (Block b : parts) {
            GradientSum partial = new GradientSum(LAYOUT, Precision.DOUBLE);
            graph.bind(parameters, partial.gradient());
            partial.add(graph, b);
            total.merge(partial);
        }
        assertSameSum(whole, total);
    }

    @Test
    void mergeInAnyGroupingGivesTheTotal() {
        GradientSum whole = sumOf(List.of(all));
        // ((a + b) + c)
        assertSameSum(whole, sumOf(List.of(parts.get(0))).merge(sumOf(List.of(parts.get(1))))
                .merge(sumOf(List.of(parts.get(2)))));
        // (a + (b + c))
        assertSameSum(whole, sumOf(List.of(parts.get(0)))
                .merge(sumOf(List.of(parts.get(1))).merge(sumOf(List.of(parts.get(2))))));
        // ((c + a) + b)
        assertSameSum(whole, sumOf(List.of(parts.get(2))).merge(sumOf(List.of(parts.get(0))))
                .merge(sumOf(List.of(parts.get(1)))));
        // A sum that already holds two blocks merged with the third.
        assertSameSum(whole, sumOf(List.of(parts.get(1), parts.get(2))).merge(sumOf(List.of(parts.get(0)))));
    }

    @Test
    void mergingAnEmptySumChangesNothing() {
        GradientSum whole = sumOf(List.of(all));
        GradientSum merged = new GradientSum(LAYOUT, Precision.DOUBLE).merge(sumOf(List.of(all)))
                .merge(new GradientSum(LAYOUT, Precision.DOUBLE));
        assertSameSum(whole, merged);
    }

    @Test
    void emptyBlocksAreIgnored() {
        Block empty = new Block(Matrix.zeros(Precision.DOUBLE, 4, 0), Matrix.zeros(Precision.DOUBLE, 3, 0));
        GradientSum onlyEmpty = sumOf(List.of(empty, all.slice(3, 3)));
        assertEquals(0, onlyEmpty.count());
        assertEquals(0, onlyEmpty.loss());
        assertEquals(0, onlyEmpty.gradient().flat().norm());
        assertSameSum(sumOf(parts), sumOf(List.of(empty, parts.get(0), empty, parts.get(1), parts.get(2), empty)));
    }

    @Test
    void meanGradientDividesByTheTotalCount() {
        GradientSum sum = sumOf(parts);
        Matrix mean = sum.meanGradient();
        Matrix total = sum.gradient().flat();
        for (int i = 0; i < mean.size(); i++) {
            assertEquals(total.get(i) / N, mean.get(i), 1e-15 * Math.abs(total.get(i)), "entry " + i);
        }
        // A new vector: the sum itself is left alone.
        mean.fill(0);
        assertTrue(total.norm() > 0);
        // It is not the mean of the block means, which weighs the two examples of the first block too much.
        Matrix meanOfMeans = Matrix.zeros(Precision.DOUBLE, LAYOUT.size(), 1);
        for (Block b : parts) {
            meanOfMeans.axpy(1.0 / parts.size(), sumOf(List.of(b)).meanGradient());
        }
        Matrix diff = meanOfMeans.copy();
        diff.axpy(-1, sum.meanGradient());
        assertTrue(diff.norm() > 1e-3 * meanOfMeans.norm(), "the test data cannot tell the two means apart");
    }

    @Test
    void meanOfAnEmptySumIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new GradientSum(LAYOUT, Precision.DOUBLE).meanGradient());
        assertTrue(e.getMessage().contains("no examples"), e.getMessage());
    }

    @Test
    void clearEmptiesTheSumForReuse() {
        GradientSum sum = sumOf(parts);
        sum.clear();
        assertEquals(0, sum.count());
        assertEquals(0, sum.loss());
        assertEquals(0, sum.gradient().flat().norm());
        MlpGraph graph = new MlpGraph(parameters, sum.gradient());
        sum.add(graph, all);
        assertSameSum(sumOf(List.of(all)), sum);
    }

    @Test
    void mergingSumsOfDifferentNetworksIsRefused() {
        ParameterLayout other = new ParameterLayout(
                MlpSpec.of(4, new int[] {6}, 3, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY));
        GradientSum sum = sumOf(List.of(all));
        double loss = sum.loss();
        double[] gradient = sum.gradient().flat().toDoubleArray();
        GradientSum foreign = new GradientSum(other, Precision.DOUBLE);
        foreign.gradient().flat().fill(1);
        MlpGraph graph = new MlpGraph(FlatParameters.initialize(other, Precision.DOUBLE, 1), foreign.gradient());
        foreign.add(graph, all);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sum.merge(foreign));
        assertTrue(e.getMessage().contains("43x1") && e.getMessage().contains("51x1"), e.getMessage());
        // A refused merge leaves the sum as it was.
        assertEquals(N, sum.count());
        assertEquals(loss, sum.loss());
        assertArrayEquals(gradient, sum.gradient().flat().toDoubleArray());
    }

    // ---- example weights ----------------------------------------------------------------------------------------

    private Matrix weights(double... values) {
        return Matrix.of(Precision.DOUBLE, 1, values.length, values);
    }

    /** The columns {@code order} of a block, as a new unweighted block. */
    private static Block pick(Block b, int... order) {
        Matrix x = b.features().newZeros(b.features().rows(), order.length);
        Matrix t = b.targets().newZeros(b.targets().rows(), order.length);
        for (int j = 0; j < order.length; j++) {
            x.columns(j, j + 1).copyFrom(b.features().columns(order[j], order[j] + 1));
            t.columns(j, j + 1).copyFrom(b.targets().columns(order[j], order[j] + 1));
        }
        return new Block(x, t);
    }

    private static final double[] W = {0.5, 2, 0, 1.25, 3, 1, 0.75, 0, 4, 1.5};

    @Test
    void weightedBlocksSumTheirWeightsAndStillCountTheirExamples() {
        Block weighted = all.withWeights(weights(W));
        GradientSum whole = sumOf(List.of(weighted));
        assertEquals(N, whole.count());
        assertEquals(14.0, whole.weight(), 0);
        GradientSum byBlocks = sumOf(List.of(weighted.slice(0, 2), weighted.slice(2, 7), weighted.slice(7, 10)));
        assertEquals(14.0, byBlocks.weight(), 0);
        assertSameSum(whole, byBlocks);
        // Merging adds the weights too.
        GradientSum merged = sumOf(List.of(weighted.slice(0, 4))).merge(sumOf(List.of(weighted.slice(4, 10))));
        assertEquals(14.0, merged.weight(), 0);
        assertSameSum(whole, merged);
        // A weighted and an unweighted block together: 14 + 10.
        assertEquals(24.0, sumOf(List.of(weighted, all)).weight(), 0);
    }

    @Test
    void unitWeightsAreBitIdenticalToNoWeightsAndTheWeightIsTheCount() {
        double[] ones = new double[N];
        java.util.Arrays.fill(ones, 1);
        GradientSum plain = sumOf(parts);
        Block weighted = all.withWeights(weights(ones));
        GradientSum unit = sumOf(List.of(weighted.slice(0, 2), weighted.slice(2, 7), weighted.slice(7, 10)));
        assertEquals(N, plain.weight(), 0);
        assertEquals(N, unit.weight(), 0);
        assertEquals(plain.count(), unit.count());
        assertEquals(plain.correct(), unit.correct());
        assertEquals(Double.doubleToRawLongBits(plain.loss()), Double.doubleToRawLongBits(unit.loss()));
        assertArrayEquals(plain.gradient().flat().toDoubleArray(), unit.gradient().flat().toDoubleArray(), 0);
        assertArrayEquals(plain.meanGradient().toDoubleArray(), unit.meanGradient().toDoubleArray(), 0);
    }

    @Test
    void integerWeightsEqualDuplicatedExamplesAndTheMeanIsTheWeightedMean() {
        // Weights 2, 0, 1, 3, 1, 1, 0, 2, 1, 1 against the examples repeated that many times.
        double[] w = {2, 0, 1, 3, 1, 1, 0, 2, 1, 1};
        GradientSum weighted = sumOf(List.of(all.withWeights(weights(w))));
        GradientSum repeated = sumOf(List.of(pick(all, 0, 0, 2, 3, 3, 3, 4, 5, 7, 7, 8, 9)));
        assertEquals(12.0, weighted.weight(), 0);
        assertEquals(12, repeated.count());
        assertEquals(N, weighted.count());
        assertEquals(repeated.loss(), weighted.loss(), 1e-12 * repeated.loss());
        Matrix diff = weighted.meanGradient().copy();
        diff.axpy(-1, repeated.meanGradient());
        assertTrue(diff.norm() <= 1e-12 * repeated.meanGradient().norm(), "relative difference "
                + diff.norm() / repeated.meanGradient().norm());
        // The mean divides by the total weight, not by the number of examples.
        Matrix total = weighted.gradient().flat();
        Matrix mean = weighted.meanGradient();
        for (int i = 0; i < mean.size(); i++) {
            assertEquals(total.get(i) / 12, mean.get(i), 1e-15 * Math.abs(total.get(i)), "entry " + i);
        }
    }

    @Test
    void accuracyStaysPerExampleWhateverTheWeights() {
        GradientSum plain = sumOf(List.of(all));
        GradientSum weighted = sumOf(List.of(all.withWeights(weights(W))));
        assertEquals(plain.correct(), weighted.correct());
        assertEquals(plain.count(), weighted.count());
        GradientSum lossOnly = new GradientSum(LAYOUT, Precision.DOUBLE);
        lossOnly.addLoss(new MlpGraph(parameters), all.withWeights(weights(W)));
        assertEquals(weighted.loss(), lossOnly.loss(), 0);
        assertEquals(14.0, lossOnly.weight(), 0);
        assertEquals(plain.correct(), lossOnly.correct());
    }

    @Test
    void clearEmptiesTheWeightToo() {
        GradientSum sum = sumOf(List.of(all.withWeights(weights(W))));
        sum.clear();
        assertEquals(0, sum.weight());
    }

    @Test
    void meanOfExamplesThatAllWeighZeroIsRefused() {
        GradientSum sum = sumOf(List.of(all.slice(0, 3).withWeights(weights(0, 0, 0))));
        assertEquals(3, sum.count());
        assertEquals(0, sum.weight());
        IllegalStateException e = assertThrows(IllegalStateException.class, sum::meanGradient);
        assertTrue(e.getMessage().contains("weight 0"), e.getMessage());
    }
}
