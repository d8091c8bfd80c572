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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The training loop takes exactly the steps it promises: full batch one step of w - alpha (mean gradient +
 * lambda m w) per epoch, mini-batch one such step per batch in a seeded order; and accuracy counts correctly.
 */
class LocalTrainerStepTest {

    private static final MlpSpec SPEC =
            MlpSpec.of(3, new int[] {4}, 2, Activation.SIGMOID, OutputLoss.SOFTMAX_CROSS_ENTROPY);
    private static final ParameterLayout LAYOUT = new ParameterLayout(SPEC);
    private static final double ALPHA = 0.3;
    private static final double LAMBDA = 0.05;

    private FlatParameters start;
    private List<Block> blocks;

    @BeforeEach
    void setUp() {
        start = FlatParameters.initialize(LAYOUT, Precision.DOUBLE, 31);
        SplittableRandom random = new SplittableRandom(32);
        for (int l = 0; l < SPEC.layers(); l++) {
            for (int i = 0; i < start.bias(l).size(); i++) {
                start.bias(l).set(i, 0.4 * random.nextGaussian());
            }
        }
        blocks = List.of(randomBlock(4, random), randomBlock(3, random), randomBlock(5, random));
    }

    private static Block randomBlock(int n, SplittableRandom random) {
        Matrix x = Matrix.zeros(Precision.DOUBLE, 3, n);
        Matrix t = Matrix.zeros(Precision.DOUBLE, 2, n);
        for (int j = 0; j < n; j++) {
            for (int r = 0; r < 3; r++) {
                x.set(r, j, random.nextGaussian());
            }
            t.set(random.nextInt(2), j, 1);
        }
        return new Block(x, t);
    }

    /** Sum over {@code data} at {@code w}, computed apart from the trainer. */
    private static GradientSum sumAt(FlatParameters w, List<Block> data) {
        GradientSum sum = new GradientSum(LAYOUT, Precision.DOUBLE);
        MlpGraph graph = new MlpGraph(w, sum.gradient());
        for (Block b : data) {
            sum.add(graph, b);
        }
        return sum;
    }

    /** w - alpha (g + lambda m w), entry by entry. */
    private static double[] step(double[] w, Matrix meanGradient, Matrix mask) {
        double[] next = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            next[i] = w[i] - ALPHA * (meanGradient.get(i) + LAMBDA * mask.get(i) * w[i]);
        }
        return next;
    }

    private static void assertClose(double[] expected, double[] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-14 * Math.max(1, Math.abs(expected[i])), "entry " + i);
        }
    }

    private FlatParameters train(TrainingOptions options, List<Block> data, List<LocalTrainer.EpochResult> out) {
        FlatParameters p = start.copy();
        List<LocalTrainer.EpochResult> history = new LocalTrainer(options).train(p, data);
        if (out != null) {
            out.addAll(history);
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void oneFullBatchEpochIsOneHandComputedStep(boolean regularizeBiases) {
        GradientSum sum = sumAt(start, blocks);
        Matrix mask = LAYOUT.regularizationMask(Precision.DOUBLE, regularizeBiases);
        double[] w0 = start.flat().toDoubleArray();
        double[] expected = step(w0, sum.meanGradient(), mask);

        List<LocalTrainer.EpochResult> history = new ArrayList<>();
        FlatParameters trained = train(new TrainingOptions(1, ALPHA, LAMBDA, regularizeBiases, 0, 1), blocks, history);

        assertClose(expected, trained.flat().toDoubleArray());
        // The biases move by the regularizer only when asked: compare with the step without it.
        double[] unregularizedBias = step(w0, sum.meanGradient(), Matrix.zeros(Precision.DOUBLE, LAYOUT.size(), 1));
        int b = LAYOUT.biasOffset(0);
        assertEquals(!regularizeBiases, unregularizedBias[b] == trained.flat().get(b));

        assertEquals(1, history.size());
        LocalTrainer.EpochResult r = history.get(0);
        assertEquals(1, r.epoch());
        assertEquals(sum.loss() / 12, r.meanLoss(), 1e-14 * r.meanLoss());
        double penalty = 0;
        for (int i = 0; i < w0.length; i++) {
            penalty += mask.get(i) * w0[i] * w0[i];
        }
        assertEquals(sum.loss() / 12 + LAMBDA / 2 * penalty, r.objective(), 1e-14 * r.objective());
    }

    @Test
    void threeFullBatchEpochsAreThreeStepsFromTheUpdatedWeights() {
        Matrix mask = LAYOUT.regularizationMask(Precision.DOUBLE, false);
        FlatParameters w = start.copy();
        for (int epoch = 0; epoch < 3; epoch++) {
            double[] next = step(w.flat().toDoubleArray(), sumAt(w, blocks).meanGradient(), mask);
            w = new FlatParameters(LAYOUT, Matrix.of(Precision.DOUBLE, next.length, 1, next));
        }
        List<LocalTrainer.EpochResult> history = new ArrayList<>();
        FlatParameters trained = train(TrainingOptions.fullBatch(3, ALPHA, LAMBDA), blocks, history);
        assertClose(w.flat().toDoubleArray(), trained.flat().toDoubleArray());
        assertEquals(List.of(1, 2, 3), history.stream().map(LocalTrainer.EpochResult::epoch).toList());
        assertTrue(history.get(2).objective() < history.get(0).objective(), "objective did not fall: " + history);
    }

    @Test
    void miniBatchOfTheWholeDataIsFullBatch() {
        Block single = concatenate(blocks);
        for (int batchSize : new int[] {12, 100}) {
            List<LocalTrainer.EpochResult> full = new ArrayList<>();
            List<LocalTrainer.EpochResult> mini = new ArrayList<>();
            FlatParameters a = train(new TrainingOptions(4, ALPHA, LAMBDA, false, 0, 3), List.of(single), full);
            FlatParameters b = train(new TrainingOptions(4, ALPHA, LAMBDA, false, batchSize, 3), List.of(single), mini);
            assertArrayEquals(a.flat().toDoubleArray(), b.flat().toDoubleArray(), "batch size " + batchSize);
            for (int e = 0; e < 4; e++) {
                assertEquals(full.get(e).meanLoss(), mini.get(e).meanLoss(), "mean loss of epoch " + (e + 1));
            }
        }
    }

    @Test
    void miniBatchEpochStepsOncePerBatchWithTheBatchMeanInTheSeededOrder() {
        int batchSize = 2;
        long seed = 99;
        // The batches the trainer cuts: each block split into pieces of at most 2 examples, never merged.
        List<Block> batches = new ArrayList<>();
        for (Block b : blocks) {
            for (int from = 0; from < b.size(); from += batchSize) {
                batches.add(b.slice(from, Math.min(b.size(), from + batchSize)));
            }
        }
        assertEquals(7, batches.size()); // 4 -> 2+2, 3 -> 2+1, 5 -> 2+2+1
        Random random = new Random(seed);
        Matrix mask = LAYOUT.regularizationMask(Precision.DOUBLE, false);
        FlatParameters w = start.copy();
        for (int epoch = 0; epoch < 2; epoch++) {
            // Each epoch shuffles the batches from their original order, with one Random running on.
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < batches.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, random); // same permutation as shuffling 7 batches with this Random
            for (int i : order) {
                double[] next = step(w.flat().toDoubleArray(), sumAt(w, List.of(batches.get(i))).meanGradient(), mask);
                w = new FlatParameters(LAYOUT, Matrix.of(Precision.DOUBLE, next.length, 1, next));
            }
        }
        FlatParameters trained = train(new TrainingOptions(2, ALPHA, LAMBDA, false, batchSize, seed), blocks, null);
        assertClose(w.flat().toDoubleArray(), trained.flat().toDoubleArray());
    }

    @Test
    void sameSeedGivesIdenticalWeightsAndAnotherSeedDifferentOnes() {
        double[] a = train(new TrainingOptions(3, ALPHA, LAMBDA, false, 2, 5), blocks, null).flat().toDoubleArray();
        double[] b = train(new TrainingOptions(3, ALPHA, LAMBDA, false, 2, 5), blocks, null).flat().toDoubleArray();
        double[] c = train(new TrainingOptions(3, ALPHA, LAMBDA, false, 2, 6), blocks, null).flat().toDoubleArray();
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c), "batch orders from seeds 5 and 6 gave the same weights");
        assertFalse(Arrays.equals(a, start.flat().toDoubleArray()), "training did not move the weights");
    }

    @Test
    void fullBatchIgnoresTheSeed() {
        double[] a = train(new TrainingOptions(2, ALPHA, LAMBDA, false, 0, 5), blocks, null).flat().toDoubleArray();
        double[] b = train(new TrainingOptions(2, ALPHA, LAMBDA, false, 0, 6), blocks, null).flat().toDoubleArray();
        assertArrayEquals(a, b);
    }

    @Test
    void accuracyCountsArgmaxHitsOverAllBlocks() {
        // One affine layer with W = I, b = 0: the predicted class is the larger of the two features.
        MlpSpec spec = MlpSpec.of(2, new int[] {}, 2, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        FlatParameters p = new FlatParameters(new ParameterLayout(spec),
                Matrix.of(Precision.DOUBLE, 6, 1, 1, 0, 0, 1, 0, 0));
        Block first = new Block(Matrix.of(Precision.DOUBLE, 2, 3, 1, 0, 0, 3, 2, 1),
                Matrix.of(Precision.DOUBLE, 2, 3, 1, 0, 0, 1, 0, 1)); // predicted 0, 1, 0; targets 0, 1, 1
        Block second = new Block(Matrix.of(Precision.DOUBLE, 2, 1, -1, -2),
                Matrix.of(Precision.DOUBLE, 2, 1, 1, 0)); // predicted 0; target 0
        assertEquals(0.75, LocalTrainer.accuracy(p, List.of(first, second)));
        assertEquals(2.0 / 3, LocalTrainer.accuracy(p, List.of(first)));
        assertEquals(1.0, LocalTrainer.accuracy(p, List.of(second)));
    }

    @Test
    void accuracyOfASingleSigmoidOutputThresholdsAtOneHalf() {
        // sigmoid(x) >= 0.5 exactly when x >= 0.
        MlpSpec spec = MlpSpec.of(1, new int[] {}, 1, Activation.RELU, OutputLoss.SIGMOID_BINARY_CROSS_ENTROPY);
        FlatParameters p = new FlatParameters(new ParameterLayout(spec), Matrix.of(Precision.DOUBLE, 2, 1, 1, 0));
        Block block = new Block(Matrix.of(Precision.DOUBLE, 1, 5, 2, -1, 0, -3, 0.1),
                Matrix.of(Precision.DOUBLE, 1, 5, 1, 1, 1, 0, 0)); // predicted 1, 0, 1, 0, 1
        assertEquals(0.6, LocalTrainer.accuracy(p, List.of(block)));
    }

    @Test
    void accuracyOfNoExamplesIsNaN() {
        assertTrue(Double.isNaN(LocalTrainer.accuracy(start, List.of())));
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new TrainingOptions(0, 0.1, 0, false, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new TrainingOptions(1, 0.1, 0, false, -1, 1));
        // Learning rate and L2 strength are checked when the update rule is made.
        LocalTrainer badRate = new LocalTrainer(new TrainingOptions(1, 0, 0, false, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> badRate.train(start.copy(), blocks));
        LocalTrainer badL2 = new LocalTrainer(new TrainingOptions(1, 0.1, -1, false, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> badL2.train(start.copy(), blocks));
        TrainingOptions full = TrainingOptions.fullBatch(5, 0.2, 0.01);
        assertEquals(0, full.batchSize());
        assertFalse(full.regularizeBiases());
    }

    private static Block concatenate(List<Block> parts) {
        int n = parts.stream().mapToInt(Block::size).sum();
        Matrix x = Matrix.zeros(Precision.DOUBLE, 3, n);
        Matrix t = Matrix.zeros(Precision.DOUBLE, 2, n);
        int at = 0;
        for (Block b : parts) {
            x.columns(at, at + b.size()).copyFrom(b.features());
            t.columns(at, at + b.size()).copyFrom(b.targets());
            at += b.size();
        }
        return new Block(x, t);
    }
}
