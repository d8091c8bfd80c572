package dev.backprop.loss;

import dev.backprop.autodiff.GradientCheck;
import dev.backprop.autodiff.GradientCheck.TensorError;
import dev.backprop.autodiff.Graph;
import dev.backprop.autodiff.Node;
import dev.backprop.autodiff.ops.BiasAdd;
import dev.backprop.autodiff.ops.MatMul;
import dev.backprop.autodiff.ops.OpChecks;
import dev.backprop.autodiff.ops.Relu;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static dev.backprop.autodiff.ops.OpChecks.oneHot;
import static dev.backprop.autodiff.ops.OpChecks.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A graph built once for an MLP (matmul, bias_add, relu, matmul, bias_add, softmax_cross_entropy) and run on
 * successive blocks of examples: buffers are reused while the block size stays the same, reallocated when it
 * changes, and every run gives the same loss and gradients as a graph built fresh for that block.
 *
 * <p>It lives with the losses because it needs softmax cross-entropy, and autodiff may not depend on loss.
 */
class MlpBufferReuseTest {

    private static final int IN = 4;
    private static final int HIDDEN = 5;
    private static final int CLASSES = 3;
    /** W1 (5x4), b1 (5x1), W2 (3x5), b2 (3x1) laid out one after another in a flat vector. */
    private static final int PARAMETERS = HIDDEN * IN + HIDDEN + CLASSES * HIDDEN + CLASSES;

    /** The MLP with its parameters as views into flat value and gradient vectors, as the trainer keeps them. */
    private static final class Mlp {
        final Graph graph = new Graph(Precision.DOUBLE);
        final Matrix flatGrad = Matrix.zeros(Precision.DOUBLE, PARAMETERS, 1);
        final Node x;
        final Node t;
        final Node loss;
        final List<Node> parameters;

        Mlp(Matrix flatValue) {
            int at = 0;
            Node w1 = param("W1", flatValue, at, HIDDEN, IN);
            at += HIDDEN * IN;
            Node b1 = param("b1", flatValue, at, HIDDEN, 1);
            at += HIDDEN;
            Node w2 = param("W2", flatValue, at, CLASSES, HIDDEN);
            at += CLASSES * HIDDEN;
            Node b2 = param("b2", flatValue, at, CLASSES, 1);
            x = graph.input("x");
            t = graph.input("t");
            Node h = graph.apply("h", new Relu(), graph.apply("z1", new BiasAdd(),
                    graph.apply("W1x", new MatMul(), w1, x), b1));
            Node logits = graph.apply("logits", new BiasAdd(), graph.apply("W2h", new MatMul(), w2, h), b2);
            loss = graph.apply("loss", new SoftmaxCrossEntropy(), logits, t);
            parameters = List.of(w1, b1, w2, b2);
        }

        private Node param(String name, Matrix flatValue, int at, int rows, int cols) {
            return graph.parameter(name, flatValue.view(at, rows, cols), flatGrad.view(at, rows, cols));
        }

        /** Zeroes the gradient, runs one block and returns the loss. */
        double run(Matrix[] block) {
            graph.setInput(x, block[0]);
            graph.setInput(t, block[1]);
            flatGrad.fill(0);
            return graph.forwardBackward(loss);
        }
    }

    private static Matrix[] block(SplittableRandom rng, int examples) {
        return new Matrix[]{uniform(rng, IN, examples, -2, 2), oneHot(rng, CLASSES, examples)};
    }

    /** The loss and gradient of a graph built fresh for this one block. */
    private static void assertSameAsFreshGraph(Matrix flatValue, Matrix[] block, Mlp reused, double loss) {
        Mlp fresh = new Mlp(flatValue);
        double expected = fresh.run(block);
        assertEquals(expected, loss, 1e-12 * Math.abs(expected));
        for (int i = 0; i < PARAMETERS; i++) {
            assertEquals(fresh.flatGrad.get(i), reused.flatGrad.get(i), 1e-12, "gradient " + i);
        }
        assertTrue(reused.flatGrad.norm() > 0);
    }

    @Test
    void sameBlockSizeReusesBuffersAndOtherSizesReallocate() {
        SplittableRandom rng = new SplittableRandom(42);
        Matrix flatValue = uniform(rng, PARAMETERS, 1, -1, 1);
        Mlp mlp = new Mlp(flatValue);

        Matrix[] first = block(rng, 8);
        double loss = mlp.run(first);
        assertSameAsFreshGraph(flatValue, first, mlp, loss);
        long afterFirst = mlp.graph.allocations();
        assertTrue(afterFirst > 0);

        Matrix[] second = block(rng, 8);
        loss = mlp.run(second);
        assertEquals(afterFirst, mlp.graph.allocations(), "a block of the same size allocates nothing");
        assertSameAsFreshGraph(flatValue, second, mlp, loss);

        Matrix[] small = block(rng, 3);
        loss = mlp.run(small);
        long afterSmall = mlp.graph.allocations();
        assertTrue(afterSmall > afterFirst, "a block of another size reallocates");
        assertSameAsFreshGraph(flatValue, small, mlp, loss);

        Matrix[] back = block(rng, 8);
        loss = mlp.run(back);
        long afterBack = mlp.graph.allocations();
        assertSameAsFreshGraph(flatValue, back, mlp, loss);

        Matrix[] again = block(rng, 8);
        loss = mlp.run(again);
        assertEquals(afterBack, mlp.graph.allocations(), "reused again at the restored size");
        assertSameAsFreshGraph(flatValue, again, mlp, loss);
    }

    @Test
    void gradientsOfSuccessiveBlocksAddUpWhenNotZeroed() {
        SplittableRandom rng = new SplittableRandom(7);
        Matrix flatValue = uniform(rng, PARAMETERS, 1, -1, 1);
        Matrix[] a = block(rng, 6);
        Matrix[] b = block(rng, 6);
        Mlp separate = new Mlp(flatValue);
        double lossA = separate.run(a);
        Matrix gradA = separate.flatGrad.copy();
        double lossB = separate.run(b);
        Matrix gradB = separate.flatGrad.copy();

        Mlp summed = new Mlp(flatValue);
        summed.run(a);
        summed.graph.setInput(summed.x, b[0]);
        summed.graph.setInput(summed.t, b[1]);
        double secondLoss = summed.graph.forwardBackward(summed.loss);
        assertEquals(lossB, secondLoss, 1e-12 * lossB);
        for (int i = 0; i < PARAMETERS; i++) {
            assertEquals(gradA.get(i) + gradB.get(i), summed.flatGrad.get(i), 1e-12, "gradient " + i);
        }
        assertTrue(lossA > 0 && lossB > 0);
    }

    @Test
    void mlpPassesGradientCheck() {
        SplittableRandom rng = new SplittableRandom(9);
        Mlp mlp = new Mlp(uniform(rng, PARAMETERS, 1, -1, 1));
        Matrix[] block = block(rng, 5);
        mlp.graph.setInput(mlp.x, block[0]);
        mlp.graph.setInput(mlp.t, block[1]);
        List<TensorError> errors = GradientCheck.run(mlp.graph, mlp.loss, mlp.parameters);
        assertTrue(GradientCheck.maxError(errors) < OpChecks.TOLERANCE, errors.toString());
    }
}
