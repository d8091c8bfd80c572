package dev.backprop.loss;

import dev.backprop.autodiff.Op;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import dev.backprop.tensor.Shape;
import dev.backprop.tensor.ShapeException;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static dev.backprop.autodiff.ops.OpChecks.softDistributions;
import static dev.backprop.autodiff.ops.OpChecks.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loss values on moderate inputs against hand-computed values and naive textbook formulas (which are accurate there),
 * and the SUM-over-the-block convention: the loss of a block is the sum of the losses of its columns.
 */
class LossValueTest {

    private static final Precision D = Precision.DOUBLE;

    private static double value(Op op, Matrix... in) {
        Shape[] shapes = new Shape[in.length];
        for (int i = 0; i < in.length; i++) {
            shapes[i] = in[i].shape();
        }
        Matrix out = Matrix.zeros(in[0].precision(), op.outputShape(shapes));
        assertEquals(Shape.of(1, 1), out.shape());
        op.forward(in, out);
        return out.get(0);
    }

    @Test
    void squaredErrorIsHalfTheSumOfSquares() {
        assertEquals(0.5 * 1 + 0.5 * 4, value(new SquaredError(), Matrix.of(D, 2, 1, 1, 2), Matrix.of(D, 2, 1, 0, 4)), 0);
    }

    @Test
    void l2IsHalfTheSquaredNorm() {
        assertEquals(12.5, value(new L2Regularizer(), Matrix.of(D, 1, 2, 3, 4)), 0);
    }

    @Test
    void binaryCrossEntropyMatchesTheTextbookFormula() {
        SplittableRandom rng = new SplittableRandom(1);
        Matrix z = uniform(rng, 3, 4, -5, 5);
        Matrix t = uniform(rng, 3, 4, 0, 1);
        double expected = 0;
        for (int i = 0; i < z.size(); i++) {
            double p = 1 / (1 + Math.exp(-z.get(i)));
            expected -= t.get(i) * Math.log(p) + (1 - t.get(i)) * Math.log(1 - p);
        }
        assertEquals(expected, value(new BinaryCrossEntropyWithLogits(), z, t), 1e-13 * expected);
        assertEquals(Math.log(2), BinaryCrossEntropyWithLogits.loss(0, 1), 0);
        assertEquals(Math.log(2), BinaryCrossEntropyWithLogits.loss(0, 0), 0);
    }

    @Test
    void softmaxCrossEntropyOfOneColumnByHand() {
        // Logits [1, 2, 3], target class 2: -log(e^3 / (e + e^2 + e^3)).
        double expected = Math.log(Math.E + Math.exp(2) + Math.exp(3)) - 3;
        assertEquals(expected, value(new SoftmaxCrossEntropy(), Matrix.of(D, 3, 1, 1, 2, 3),
                Matrix.of(D, 3, 1, 0, 0, 1)), 1e-15);
        assertEquals(Math.log(Math.E + Math.exp(2) + Math.exp(3)),
                SoftmaxCrossEntropy.logSumExp(Matrix.of(D, 3, 1, 1, 2, 3), 0), 1e-15);
    }

    @Test
    void softmaxCrossEntropyMatchesTheTextbookFormulaSummedOverColumns() {
        SplittableRandom rng = new SplittableRandom(2);
        Matrix z = uniform(rng, 4, 6, -5, 5);
        Matrix t = softDistributions(rng, 4, 6);
        double expected = 0;
        for (int j = 0; j < 6; j++) {
            double normalizer = 0;
            for (int r = 0; r < 4; r++) {
                normalizer += Math.exp(z.get(r, j));
            }
            for (int r = 0; r < 4; r++) {
                expected -= t.get(r, j) * Math.log(Math.exp(z.get(r, j)) / normalizer);
            }
        }
        double total = value(new SoftmaxCrossEntropy(), z, t);
        assertEquals(expected, total, 1e-13 * expected);
        double byColumns = 0;
        for (int j = 0; j < 6; j++) {
            byColumns += value(new SoftmaxCrossEntropy(), z.columns(j, j + 1), t.columns(j, j + 1));
        }
        assertEquals(byColumns, total, 1e-13 * total, "the loss of a block is the sum over its columns");
    }

    @Test
    void lossesRejectMismatchedShapesNamingBoth() {
        for (Op op : new Op[]{new SoftmaxCrossEntropy(), new BinaryCrossEntropyWithLogits(), new SquaredError()}) {
            ShapeException e = assertThrows(ShapeException.class,
                    () -> op.outputShape(Shape.of(3, 4), Shape.of(4, 3)));
            assertTrue(e.getMessage().contains("3x4") && e.getMessage().contains("4x3"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> op.outputShape(Shape.of(3, 4)));
        }
        assertThrows(IllegalArgumentException.class,
                () -> new L2Regularizer().outputShape(Shape.of(3, 4), Shape.of(3, 4)));
    }
}
