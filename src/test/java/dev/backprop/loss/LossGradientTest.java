package dev.backprop.loss;

import dev.backprop.autodiff.Op;
import dev.backprop.autodiff.ops.OpChecks;
import dev.backprop.tensor.Matrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;

import static dev.backprop.autodiff.ops.OpChecks.oneHot;
import static dev.backprop.autodiff.ops.OpChecks.softDistributions;
import static dev.backprop.autodiff.ops.OpChecks.uniform;

/**
 * Gradient check of every loss with respect to every input (predictions or logits AND targets), on seeded random
 * inputs of several shapes including one column, in double precision. Softmax cross-entropy is checked with one-hot
 * targets, with general soft target distributions, and with nonnegative targets that do not sum to one.
 */
class LossGradientTest {

    /** A test case: a loss and a factory of its random inputs. */
    record Case(String label, Op op, Function<SplittableRandom, Matrix[]> inputs) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Arguments> cases() {
        List<Case> cases = new ArrayList<>();
        int[][] classesByExamples = {{3, 4}, {5, 1}, {2, 7}, {10, 3}};
        for (int[] d : classesByExamples) {
            int k = d[0];
            int n = d[1];
            cases.add(new Case("softmax_cross_entropy one-hot " + k + "x" + n, new SoftmaxCrossEntropy(),
                    rng -> new Matrix[]{uniform(rng, k, n, -3, 3), oneHot(rng, k, n)}));
            cases.add(new Case("softmax_cross_entropy soft " + k + "x" + n, new SoftmaxCrossEntropy(),
                    rng -> new Matrix[]{uniform(rng, k, n, -3, 3), softDistributions(rng, k, n)}));
        }
        cases.add(new Case("softmax_cross_entropy one-hot wide logits 4x3", new SoftmaxCrossEntropy(),
                rng -> new Matrix[]{uniform(rng, 4, 3, -30, 30), oneHot(rng, 4, 3)}));
        cases.add(new Case("softmax_cross_entropy soft wide logits 4x3", new SoftmaxCrossEntropy(),
                rng -> new Matrix[]{uniform(rng, 4, 3, -30, 30), softDistributions(rng, 4, 3)}));
        cases.add(new Case("softmax_cross_entropy unnormalized targets 3x2", new SoftmaxCrossEntropy(),
                rng -> new Matrix[]{uniform(rng, 3, 2, -3, 3), uniform(rng, 3, 2, 0.1, 2)}));

        int[][] shapes = {{3, 4}, {1, 5}, {6, 1}, {1, 1}};
        for (int[] s : shapes) {
            int r = s[0];
            int c = s[1];
            String shape = r + "x" + c;
            cases.add(new Case("binary_cross_entropy soft targets " + shape, new BinaryCrossEntropyWithLogits(),
                    rng -> new Matrix[]{uniform(rng, r, c, -4, 4), uniform(rng, r, c, 0, 1)}));
            cases.add(new Case("binary_cross_entropy hard targets " + shape, new BinaryCrossEntropyWithLogits(),
                    rng -> new Matrix[]{uniform(rng, r, c, -4, 4), bernoulli(rng, r, c)}));
            cases.add(new Case("squared_error " + shape, new SquaredError(),
                    rng -> new Matrix[]{uniform(rng, r, c, -2, 2), uniform(rng, r, c, -2, 2)}));
            cases.add(new Case("l2 " + shape, new L2Regularizer(),
                    rng -> new Matrix[]{uniform(rng, r, c, -2, 2)}));
        }
        return cases.stream().map(Arguments::of);
    }

    private static Matrix bernoulli(SplittableRandom rng, int rows, int cols) {
        Matrix m = uniform(rng, rows, cols, 0, 1);
        m.map(x -> x < 0.5 ? 0 : 1, m);
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backpropMatchesCentralDifferencesForEveryInput(Case c) {
        SplittableRandom rng = new SplittableRandom(c.label().hashCode());
        OpChecks.assertGradientsMatch(c.op(), rng, c.inputs().apply(rng));
    }
}
