package dev.backprop.loss;

import dev.backprop.autodiff.Op;
import dev.backprop.autodiff.ops.OpChecks;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import dev.backprop.tensor.Shape;
import dev.backprop.tensor.ShapeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static dev.backprop.autodiff.ops.OpChecks.oneHot;
import static dev.backprop.autodiff.ops.OpChecks.softDistributions;
import static dev.backprop.autodiff.ops.OpChecks.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Example weights as the optional third input of every loss: {@code L = sum_j w_j l_j}, gradient-checked with
 * respect to all three inputs; unit weights are bit-identical to the two-input loss; a weight of 2 is a duplicated
 * example and a weight of 0 a removed one.
 */
class WeightedLossTest {

    private static final Precision D = Precision.DOUBLE;

    /** A loss and a factory of its (prediction or logits, target) pair of {@code n} columns. */
    record Case(String label, Op op, BiFunction<SplittableRandom, Integer, Matrix[]> pair) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static Matrix bernoulli(SplittableRandom rng, int rows, int cols) {
        Matrix m = uniform(rng, rows, cols, 0, 1);
        m.map(x -> x < 0.5 ? 0 : 1, m);
        return m;
    }

    static List<Case> losses() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("softmax_cross_entropy one-hot", new SoftmaxCrossEntropy(),
                (rng, n) -> new Matrix[]{uniform(rng, 4, n, -3, 3), oneHot(rng, 4, n)}));
        cases.add(new Case("softmax_cross_entropy soft", new SoftmaxCrossEntropy(),
                (rng, n) -> new Matrix[]{uniform(rng, 3, n, -3, 3), softDistributions(rng, 3, n)}));
        cases.add(new Case("softmax_cross_entropy unnormalized", new SoftmaxCrossEntropy(),
                (rng, n) -> new Matrix[]{uniform(rng, 3, n, -3, 3), uniform(rng, 3, n, 0.1, 2)}));
        cases.add(new Case("binary_cross_entropy soft", new BinaryCrossEntropyWithLogits(),
                (rng, n) -> new Matrix[]{uniform(rng, 2, n, -4, 4), uniform(rng, 2, n, 0, 1)}));
        cases.add(new Case("binary_cross_entropy hard one row", new BinaryCrossEntropyWithLogits(),
                (rng, n) -> new Matrix[]{uniform(rng, 1, n, -4, 4), bernoulli(rng, 1, n)}));
        cases.add(new Case("squared_error", new SquaredError(),
                (rng, n) -> new Matrix[]{uniform(rng, 3, n, -2, 2), uniform(rng, 3, n, -2, 2)}));
        cases.add(new Case("squared_error one row", new SquaredError(),
                (rng, n) -> new Matrix[]{uniform(rng, 1, n, -2, 2), uniform(rng, 1, n, -2, 2)}));
        return cases;
    }

    static Stream<Arguments> gradientCases() {
        List<Arguments> arguments = new ArrayList<>();
        for (Case c : losses()) {
            for (int n : new int[]{1, 2, 5}) {
                arguments.add(Arguments.of(c, n, false));
                if (n > 1) { // with one example, a zero weight would make dL/dprediction vanish: a vacuous check
                    arguments.add(Arguments.of(c, n, true));
                }
            }
        }
        return arguments.stream();
    }

    static Stream<Case> cases() {
        return losses().stream();
    }

    private static SplittableRandom rng(Case c, int salt) {
        return new SplittableRandom(c.label().hashCode() * 31L + salt);
    }

    // ---- gradient checks -----------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} n={1} with a zero weight {2}")
    @MethodSource("gradientCases")
    void backpropMatchesCentralDifferencesForPredictionTargetAndWeights(Case c, int n, boolean zeroWeight) {
        SplittableRandom rng = rng(c, n * 2 + (zeroWeight ? 1 : 0));
        Matrix[] pair = c.pair().apply(rng, n);
        Matrix w = uniform(rng, 1, n, 0.1, 3);
        if (zeroWeight) {
            w.set(n - 1, 0);
        }
        // Checks dL/dprediction, dL/dtarget and dL/dw, each nonzero, against central differences (tolerance 1e-5).
        OpChecks.assertGradientsMatch(c.op(), rng, pair[0], pair[1], w);
    }

    // ---- the definition, L = sum_j w_j l_j ------------------------------------------------------------------------

    private static double value(Op op, Matrix... in) {
        Shape[] shapes = new Shape[in.length];
        for (int i = 0; i < in.length; i++) {
            shapes[i] = in[i].shape();
        }
        Matrix out = Matrix.zeros(in[0].precision(), op.outputShape(shapes));
        op.forward(in, out);
        return out.get(0);
    }

    /** The gradients {dPrediction, dTarget[, dWeights]} of {@code g * L}, from zero buffers. */
    private static Matrix[] gradients(Op op, double g, Matrix... in) {
        Matrix out = Matrix.zeros(in[0].precision(), 1, 1);
        op.forward(in, out);
        Matrix[] grads = new Matrix[in.length];
        for (int i = 0; i < in.length; i++) {
            grads[i] = in[i].newZeros(in[i].rows(), in[i].cols());
        }
        op.backward(in, out, Matrix.scalar(in[0].precision(), g), grads);
        return grads;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void weightedLossIsTheWeightedSumOfColumnLossesAndDwIsTheColumnLoss(Case c) {
        SplittableRandom rng = rng(c, 100);
        int n = 6;
        Matrix[] pair = c.pair().apply(rng, n);
        Matrix w = uniform(rng, 1, n, 0, 3);
        double expected = 0;
        double[] columnLosses = new double[n];
        for (int j = 0; j < n; j++) {
            columnLosses[j] = value(c.op(), pair[0].columns(j, j + 1), pair[1].columns(j, j + 1));
            expected += w.get(j) * columnLosses[j];
        }
        assertEquals(expected, value(c.op(), pair[0], pair[1], w), 1e-13 * Math.abs(expected));
        double g = 0.75;
        Matrix dw = gradients(c.op(), g, pair[0], pair[1], w)[2];
        for (int j = 0; j < n; j++) {
            assertEquals(g * columnLosses[j], dw.get(j), 1e-13 * Math.abs(columnLosses[j]), "dL/dw_" + j);
        }
    }

    // ---- unit weights are the unweighted loss, to the bit ----------------------------------------------------------

    private static void assertBitIdentical(Matrix expected, Matrix actual, String what) {
        assertEquals(expected.shape(), actual.shape(), what);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(Double.doubleToRawLongBits(expected.get(i)), Double.doubleToRawLongBits(actual.get(i)),
                    what + " entry " + i + ": " + expected.get(i) + " vs " + actual.get(i));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void unitWeightsGiveBitIdenticalLossAndGradientsInBothPrecisions(Case c) {
        for (Precision p : Precision.values()) {
            SplittableRandom rng = rng(c, 200);
            int n = 7;
            Matrix[] pair = c.pair().apply(rng, n);
            Matrix z = pair[0].toPrecision(p);
            Matrix t = pair[1].toPrecision(p);
            Matrix ones = Matrix.zeros(p, 1, n);
            ones.fill(1);
            double plain = value(c.op(), z, t);
            double weighted = value(c.op(), z, t, ones);
            assertEquals(Double.doubleToRawLongBits(plain), Double.doubleToRawLongBits(weighted),
                    p + " loss " + plain + " vs " + weighted);
            double g = 0.3 + rng.nextDouble();
            Matrix[] plainGrads = gradients(c.op(), g, z, t);
            Matrix[] weightedGrads = gradients(c.op(), g, z, t, ones);
            assertBitIdentical(plainGrads[0], weightedGrads[0], p + " dL/dprediction");
            assertBitIdentical(plainGrads[1], weightedGrads[1], p + " dL/dtarget");
        }
    }

    // ---- a weight of 2 duplicates an example, a weight of 0 removes it ---------------------------------------------

    /** The columns {@code order} of {@code m}, as a new matrix. */
    private static Matrix pick(Matrix m, int... order) {
        Matrix out = m.newZeros(m.rows(), order.length);
        for (int j = 0; j < order.length; j++) {
            out.columns(j, j + 1).copyFrom(m.columns(order[j], order[j] + 1));
        }
        return out;
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-12 * Math.max(Math.abs(expected), 1e-300), what);
    }

    private static void assertColumnClose(Matrix expected, Matrix actual, String what) {
        Matrix diff = actual.copy();
        diff.axpy(-1, expected);
        assertTrue(diff.norm() <= 1e-12 * expected.norm(), what + ": relative difference "
                + diff.norm() / expected.norm());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aWeightOfTwoEqualsTheExampleTwice(Case c) {
        SplittableRandom rng = rng(c, 300);
        Matrix[] pair = c.pair().apply(rng, 4);
        Matrix w = Matrix.of(D, 1, 4, 1, 2, 1, 1);
        // Example 1 twice, unweighted.
        Matrix zDup = pick(pair[0], 0, 1, 1, 2, 3);
        Matrix tDup = pick(pair[1], 0, 1, 1, 2, 3);
        assertClose(value(c.op(), zDup, tDup), value(c.op(), pair[0], pair[1], w), "loss");
        double g = 1.25;
        Matrix[] dup = gradients(c.op(), g, zDup, tDup);
        Matrix[] weighted = gradients(c.op(), g, pair[0], pair[1], w);
        for (int input = 0; input < 2; input++) {
            String what = input == 0 ? "dL/dprediction" : "dL/dtarget";
            // The copies' gradients add up in the one weighted column; the other columns are unchanged.
            Matrix twice = dup[input].columns(1, 2).copy();
            twice.axpy(1, dup[input].columns(2, 3));
            assertColumnClose(twice, weighted[input].columns(1, 2), what + " of the doubled example");
            assertColumnClose(dup[input].columns(0, 1), weighted[input].columns(0, 1), what + " of example 0");
            assertColumnClose(dup[input].columns(3, 5), weighted[input].columns(2, 4), what + " of examples 2, 3");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aZeroWeightRemovesTheExample(Case c) {
        SplittableRandom rng = rng(c, 400);
        Matrix[] pair = c.pair().apply(rng, 4);
        Matrix w = Matrix.of(D, 1, 4, 1, 0, 1, 1);
        Matrix zWithout = pick(pair[0], 0, 2, 3);
        Matrix tWithout = pick(pair[1], 0, 2, 3);
        assertClose(value(c.op(), zWithout, tWithout), value(c.op(), pair[0], pair[1], w), "loss");
        double g = 0.5;
        Matrix[] without = gradients(c.op(), g, zWithout, tWithout);
        Matrix[] weighted = gradients(c.op(), g, pair[0], pair[1], w);
        for (int input = 0; input < 2; input++) {
            String what = input == 0 ? "dL/dprediction" : "dL/dtarget";
            assertEquals(0, weighted[input].columns(1, 2).norm(), what + " of the removed example");
            assertColumnClose(without[input], pick(weighted[input], 0, 2, 3), what + " of the others");
        }
        // The loss still depends on the zero weight: dL/dw_1 is the removed example's loss.
        assertClose(g * value(c.op(), pair[0].columns(1, 2), pair[1].columns(1, 2)), weighted[2].get(1), "dL/dw_1");
    }

    // ---- shapes and extremes ---------------------------------------------------------------------------------------

    @Test
    void weightsOfTheWrongShapeAreRefusedNamingBothShapes() {
        for (Op op : new Op[]{new SoftmaxCrossEntropy(), new BinaryCrossEntropyWithLogits(), new SquaredError()}) {
            for (Shape bad : new Shape[]{Shape.of(1, 3), Shape.of(2, 4), Shape.of(4, 1)}) {
                ShapeException e = assertThrows(ShapeException.class,
                        () -> op.outputShape(Shape.of(3, 4), Shape.of(3, 4), bad));
                assertTrue(e.getMessage().contains("3x4") && e.getMessage().contains(bad.toString()),
                        e.getMessage());
            }
            assertEquals(Shape.of(1, 1), op.outputShape(Shape.of(3, 4), Shape.of(3, 4), Shape.of(1, 4)));
            assertThrows(IllegalArgumentException.class,
                    () -> op.outputShape(Shape.of(3, 4), Shape.of(3, 4), Shape.of(1, 4), Shape.of(1, 4)));
        }
    }

    @Test
    void weightedLossesStayFiniteAtExtremeLogits() {
        // Logits of +-1e4: l = {0, 2e4, 1e4} per column (see ExtremeLogitsTest), weighted by {3, 0.5, 0}.
        Matrix z = Matrix.of(D, 3, 3, 1e4, -1e4, 0, 1e4, -1e4, 0, 1e4, -1e4, 0);
        Matrix t = Matrix.of(D, 3, 3, 1, 0, 0, 0, 1, 0, 0, 0, 1);
        Matrix w = Matrix.of(D, 1, 3, 3, 0.5, 0);
        assertEquals(1e4, value(new SoftmaxCrossEntropy(), z, t, w), 0);
        Matrix[] grads = gradients(new SoftmaxCrossEntropy(), 1, z, t, w);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[]{0, 0, 0, 0.5, -0.5, 0, 0, 0, 0},
                grads[0].toDoubleArray(), 0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[]{0, 2e4, 1e4}, grads[2].toDoubleArray(), 0);

        Matrix zb = Matrix.of(D, 1, 2, 1e4, -1e4);
        Matrix tb = Matrix.of(D, 1, 2, 0, 0.25);
        Matrix wb = Matrix.of(D, 1, 2, 2, 4);
        assertEquals(2 * 1e4 + 4 * 2500, value(new BinaryCrossEntropyWithLogits(), zb, tb, wb), 0);
        Matrix[] bGrads = gradients(new BinaryCrossEntropyWithLogits(), 1, zb, tb, wb);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[]{2, -1}, bGrads[0].toDoubleArray(), 0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[]{1e4, 2500}, bGrads[2].toDoubleArray(), 0);
    }
}
