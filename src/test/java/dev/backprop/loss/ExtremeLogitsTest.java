package dev.backprop.loss;

import dev.backprop.autodiff.Graph;
import dev.backprop.autodiff.Node;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Losses and gradients at logits of +-1e4, where naive formulas overflow (exp(1e4) = inf) or take log(0).
 *
 * <p>Expected values are derived in closed form. Terms such as e^-1e4 (about 10^-4343) are far below the smallest
 * double (about 4.9 10^-324), so the exact real results round to the plain numbers written here: for logits
 * [1e4, -1e4, 0], lse = 1e4 + log(1 + e^-1e4 + e^-2e4), which rounds to 1e4; softmax = [1, 0, 0] after rounding; the
 * loss for class c is lse - z_c, i.e. {0, 2e4, 1e4} for c = {0, 1, 2}. Where a result near 1e4 carries a fraction
 * (log 3, log(1 + e^-1)), the tolerance is one unit in the last place of 1e4 (1.8e-12): lse itself is a double of
 * that magnitude, so no implementation can do better.
 */
class ExtremeLogitsTest {

    private static final double ULP_1E4 = Math.ulp(1e4);

    /** Runs L = loss(z, t) with z and t variables; returns the graph nodes {z, t, L}. */
    private static Node[] run(Precision p, dev.backprop.autodiff.Op loss, Matrix z, Matrix t) {
        Graph graph = new Graph(p);
        Node zn = graph.variable("z", z.toPrecision(p));
        Node tn = graph.variable("t", t.toPrecision(p));
        Node l = graph.apply("L", loss, zn, tn);
        graph.forwardBackward(l);
        for (Node n : new Node[]{zn, tn, l}) {
            for (double v : (n == l ? n.value() : n.grad()).toDoubleArray()) {
                assertTrue(Double.isFinite(v), n.name() + " not finite: " + v);
            }
        }
        return new Node[]{zn, tn, l};
    }

    private static void assertValues(double[] expected, Matrix actual, double tolerance, String what) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual.toDoubleArray(), tolerance, what);
    }

    // ---- softmax cross-entropy -----------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Precision.class)
    void softmaxOfMixedExtremesForEveryTargetClass(Precision p) {
        // Three columns of logits [1e4, -1e4, 0] with target classes 0, 1 and 2 (values exact in float too).
        Matrix z = Matrix.of(Precision.DOUBLE, 3, 3, 1e4, -1e4, 0, 1e4, -1e4, 0, 1e4, -1e4, 0);
        Matrix t = Matrix.of(Precision.DOUBLE, 3, 3, 1, 0, 0, 0, 1, 0, 0, 0, 1);
        Node[] r = run(p, new SoftmaxCrossEntropy(), z, t);
        assertEquals(0 + 2e4 + 1e4, r[2].value().get(0), 0, "loss = sum of {0, 2e4, 1e4}");
        // dL/dz = softmax - t = [1,0,0] - e_c per column.
        assertValues(new double[]{0, 0, 0, 1, -1, 0, 1, 0, -1}, r[0].grad(), 0, "dL/dz");
        // dL/dt = lse - z = [0, 2e4, 1e4] per column.
        assertValues(new double[]{0, 2e4, 1e4, 0, 2e4, 1e4, 0, 2e4, 1e4}, r[1].grad(), 0, "dL/dt");
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void softmaxOfPlusMinus1e4(Precision p) {
        // [1e4, -1e4] with class 1: loss = 2e4 + log(1 + e^-2e4) = 2e4; [-1e4, 1e4] with class 1: loss 0.
        Matrix z = Matrix.of(Precision.DOUBLE, 2, 2, 1e4, -1e4, -1e4, 1e4);
        Matrix t = Matrix.of(Precision.DOUBLE, 2, 2, 0, 1, 0, 1);
        Node[] r = run(p, new SoftmaxCrossEntropy(), z, t);
        assertEquals(2e4, r[2].value().get(0), 0);
        assertValues(new double[]{1, -1, 0, 0}, r[0].grad(), 0, "dL/dz");
    }

    @Test
    void softmaxWithSoftTargetsAtExtremes() {
        // t = [1/4, 1/2, 1/4] on [1e4, -1e4, 0]: loss = 0/4 + 2e4/2 + 1e4/4 = 12500; dz = softmax * 1 - t.
        Matrix z = Matrix.of(Precision.DOUBLE, 3, 1, 1e4, -1e4, 0);
        Matrix t = Matrix.of(Precision.DOUBLE, 3, 1, 0.25, 0.5, 0.25);
        Node[] r = run(Precision.DOUBLE, new SoftmaxCrossEntropy(), z, t);
        assertEquals(12500, r[2].value().get(0), 0);
        assertValues(new double[]{0.75, -0.5, -0.25}, r[0].grad(), 0, "dL/dz");
        assertValues(new double[]{0, 2e4, 1e4}, r[1].grad(), 0, "dL/dt");
    }

    @Test
    void softmaxOfEqualLargeNegativeLogits() {
        // [-1e4, -1e4, -1e4] with class 1: softmax = 1/3 each, loss = log 3.
        Matrix z = Matrix.of(Precision.DOUBLE, 3, 1, -1e4, -1e4, -1e4);
        Matrix t = Matrix.of(Precision.DOUBLE, 3, 1, 0, 1, 0);
        Node[] r = run(Precision.DOUBLE, new SoftmaxCrossEntropy(), z, t);
        assertEquals(Math.log(3), r[2].value().get(0), ULP_1E4);
        assertValues(new double[]{1.0 / 3, 1.0 / 3 - 1, 1.0 / 3}, r[0].grad(), ULP_1E4, "dL/dz");
    }

    @Test
    void softmaxOfTwoNearlyEqualHugeLogits() {
        // [1e4, 1e4 - 1, -1e4] with class 1: lse = 1e4 + log(1 + e^-1) (+ e^-2e4, negligible), so
        // loss = 1 + log(1 + e^-1) and softmax = [1, e^-1, 0] / (1 + e^-1).
        Matrix z = Matrix.of(Precision.DOUBLE, 3, 1, 1e4, 1e4 - 1, -1e4);
        Matrix t = Matrix.of(Precision.DOUBLE, 3, 1, 0, 1, 0);
        Node[] r = run(Precision.DOUBLE, new SoftmaxCrossEntropy(), z, t);
        double e1 = Math.exp(-1);
        assertEquals(1 + Math.log1p(e1), r[2].value().get(0), ULP_1E4);
        assertValues(new double[]{1 / (1 + e1), e1 / (1 + e1) - 1, 0}, r[0].grad(), ULP_1E4, "dL/dz");
    }

    // ---- binary cross-entropy from logits ------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Precision.class)
    void binaryCrossEntropyAtPlusMinus1e4(Precision p) {
        // l(z, t) = max(z, 0) - z t + log(1 + e^-|z|), and log(1 + e^-1e4) rounds to 0:
        // z = 1e4: l = 1e4 (1 - t); z = -1e4: l = 1e4 t. dl/dz = sigmoid(z) - t, sigmoid(+-1e4) = 1, 0. dl/dt = -z.
        Matrix z = Matrix.of(Precision.DOUBLE, 6, 1, 1e4, 1e4, 1e4, -1e4, -1e4, -1e4);
        Matrix t = Matrix.of(Precision.DOUBLE, 6, 1, 0, 1, 0.25, 0, 1, 0.25);
        Node[] r = run(p, new BinaryCrossEntropyWithLogits(), z, t);
        assertEquals(1e4 + 0 + 7500 + 0 + 1e4 + 2500, r[2].value().get(0), 0);
        assertValues(new double[]{1, 0, 0.75, 0, -1, -0.25}, r[0].grad(), 0, "dL/dz");
        assertValues(new double[]{-1e4, -1e4, -1e4, 1e4, 1e4, 1e4}, r[1].grad(), 0, "dL/dt");
    }

    @Test
    void binaryCrossEntropyOfMixedLogits() {
        // z = [1e4, -1e4, 0], t = [0, 1, 1/2]: l = 1e4 + 1e4 + log 2; dz = [1, -1, 0].
        Matrix z = Matrix.of(Precision.DOUBLE, 3, 1, 1e4, -1e4, 0);
        Matrix t = Matrix.of(Precision.DOUBLE, 3, 1, 0, 1, 0.5);
        Node[] r = run(Precision.DOUBLE, new BinaryCrossEntropyWithLogits(), z, t);
        assertEquals(2e4 + Math.log(2), r[2].value().get(0), Math.ulp(2e4));
        assertValues(new double[]{1, -1, 0}, r[0].grad(), 0, "dL/dz");
    }

    @Test
    void binaryCrossEntropyKeepsTinyLossesAndAvoidsOverflow() {
        // l(40, 1) = l(-40, 0) = log(1 + e^-40) = e^-40 - e^-80/2 + ...: log(1 + e^-40) in double would give 0.
        double e40 = Math.exp(-40);
        double tiny = e40 * (1 - e40 / 2);
        assertEquals(tiny, BinaryCrossEntropyWithLogits.loss(40, 1), 1e-15 * tiny);
        assertEquals(tiny, BinaryCrossEntropyWithLogits.loss(-40, 0), 1e-15 * tiny);
        // l(800, 0) = 800 + log(1 + e^-800) = 800, where log(1 + e^800) would overflow.
        assertEquals(800, BinaryCrossEntropyWithLogits.loss(800, 0), 0);
        assertEquals(800, BinaryCrossEntropyWithLogits.loss(-800, 1), 0);
        assertEquals(0, BinaryCrossEntropyWithLogits.loss(800, 1), 0);
    }
}
