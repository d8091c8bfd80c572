package dev.backprop.autodiff.ops;

import dev.backprop.autodiff.Op;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;

import static dev.backprop.autodiff.ops.OpChecks.awayFromZero;
import static dev.backprop.autodiff.ops.OpChecks.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gradient check of every op of {@code autodiff.ops} with respect to every input, on seeded random inputs of several
 * shapes (square, non-square, one column, one row, 1x1), in double precision; and a check that each op's backward
 * adds into the gradient buffers it is given instead of overwriting them.
 */
class OpGradientTest {

    private static final Shape[] ELEMENTWISE_SHAPES = {
            Shape.of(3, 4), Shape.of(5, 1), Shape.of(1, 6), Shape.of(4, 4), Shape.of(1, 1)};

    /** A test case: an op and a factory of its random inputs. */
    record Case(String label, Op op, Function<SplittableRandom, Matrix[]> inputs) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Arguments> cases() {
        List<Case> cases = new ArrayList<>();
        for (Shape s : ELEMENTWISE_SHAPES) {
            // Smooth activations: anywhere in [-3, 3].
            cases.add(unary("sigmoid " + s, new Sigmoid(), s, -3, 3, false));
            cases.add(unary("tanh " + s, new Tanh(), s, -3, 3, false));
            cases.add(unary("identity " + s, new Identity(), s, -3, 3, false));
            // Rectifiers: |z| in [1e-3, 3], away from the kink (the step is 1e-6).
            cases.add(unary("relu " + s, new Relu(), s, 1e-3, 3, true));
            cases.add(unary("leaky_relu(0.01) " + s, new LeakyRelu(), s, 1e-3, 3, true));
            cases.add(unary("leaky_relu(0.2) " + s, new LeakyRelu(0.2), s, 1e-3, 3, true));
            cases.add(unary("scale(-2.5) " + s, new Scale(-2.5), s, -3, 3, false));
            cases.add(unary("scale(0.3) " + s, new Scale(0.3), s, -3, 3, false));
            cases.add(unary("sum " + s, new Sum(), s, -3, 3, false));
            cases.add(unary("mean " + s, new Mean(), s, -3, 3, false));
            cases.add(binary("add " + s, new Add(), s, s));
            cases.add(binary("subtract " + s, new Subtract(), s, s));
            cases.add(binary("multiply " + s, new Multiply(), s, s));
        }
        // Relu with only a few positive entries still has a nonzero gradient; LeakyRelu on all-negative inputs.
        cases.add(new Case("leaky_relu(0.2) all negative 3x2", new LeakyRelu(0.2),
                rng -> new Matrix[]{uniform(rng, 3, 2, -3, -1e-3)}));
        int[][] matmulShapes = {{2, 3, 1}, {4, 4, 4}, {1, 5, 3}, {5, 1, 2}, {3, 6, 2}, {1, 1, 1}, {2, 7, 5}};
        for (int[] d : matmulShapes) {
            cases.add(binary("matmul " + d[0] + "x" + d[1] + " times " + d[1] + "x" + d[2], new MatMul(),
                    Shape.of(d[0], d[1]), Shape.of(d[1], d[2])));
        }
        for (int[] d : matmulShapes) {
            cases.add(ternary("dense " + d[0] + "x" + d[1] + " times " + d[1] + "x" + d[2] + " plus bias", new Dense(),
                    Shape.of(d[0], d[1]), Shape.of(d[1], d[2]), Shape.of(d[0], 1)));
        }
        int[][] biasShapes = {{4, 3}, {1, 5}, {6, 1}, {3, 3}, {1, 1}};
        for (int[] d : biasShapes) {
            cases.add(binary("bias_add " + d[0] + "x" + d[1], new BiasAdd(), Shape.of(d[0], d[1]),
                    Shape.of(d[0], 1)));
        }
        return cases.stream().map(Arguments::of);
    }

    private static Case unary(String label, Op op, Shape s, double lo, double hi, boolean awayFromKink) {
        return new Case(label, op, rng -> new Matrix[]{awayFromKink
                ? bothSidesOfKink(awayFromZero(rng, s.rows(), s.cols(), lo, hi))
                : uniform(rng, s.rows(), s.cols(), lo, hi)});
    }

    /** Makes the first value positive and the second (if any) negative, so both branches are always checked. */
    private static Matrix bothSidesOfKink(Matrix z) {
        z.set(0, Math.abs(z.get(0)));
        if (z.size() > 1) {
            z.set(1, -Math.abs(z.get(1)));
        }
        return z;
    }

    private static Case binary(String label, Op op, Shape a, Shape b) {
        return new Case(label, op, rng -> new Matrix[]{
                uniform(rng, a.rows(), a.cols(), -2, 2), uniform(rng, b.rows(), b.cols(), -2, 2)});
    }

    private static Case ternary(String label, Op op, Shape a, Shape b, Shape c) {
        return new Case(label, op, rng -> new Matrix[]{uniform(rng, a.rows(), a.cols(), -2, 2),
                uniform(rng, b.rows(), b.cols(), -2, 2), uniform(rng, c.rows(), c.cols(), -2, 2)});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backpropMatchesCentralDifferencesForEveryInput(Case c) {
        SplittableRandom rng = new SplittableRandom(c.label().hashCode());
        OpChecks.assertGradientsMatch(c.op(), rng, c.inputs().apply(rng));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backwardAddsIntoGradientBuffers(Case c) {
        SplittableRandom rng = new SplittableRandom(c.label().hashCode() + 1L);
        Matrix[] in = c.inputs().apply(rng);
        Matrix out = OpChecks.forward(c.op(), in);
        Matrix gradOut = uniform(rng, out.rows(), out.cols(), -1, 1);

        Matrix[] fromZero = new Matrix[in.length];
        Matrix[] fromPrior = new Matrix[in.length];
        Matrix[] prior = new Matrix[in.length];
        for (int i = 0; i < in.length; i++) {
            fromZero[i] = in[i].newZeros(in[i].rows(), in[i].cols());
            prior[i] = uniform(rng, in[i].rows(), in[i].cols(), -1, 1);
            fromPrior[i] = prior[i].copy();
        }
        c.op().backward(in, out, gradOut, fromZero);
        c.op().backward(in, out, gradOut, fromPrior);
        for (int i = 0; i < in.length; i++) {
            assertTrue(fromZero[i].norm() > 0, "zero vector-Jacobian product for input " + i);
            for (int e = 0; e < in[i].size(); e++) {
                assertEquals(prior[i].get(e) + fromZero[i].get(e), fromPrior[i].get(e), 1e-12,
                        "input " + i + " element " + e + ": backward must add into the buffer");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backwardSkipsInputsThatNeedNoGradient(Case c) {
        SplittableRandom rng = new SplittableRandom(c.label().hashCode() + 2L);
        Matrix[] in = c.inputs().apply(rng);
        Matrix out = OpChecks.forward(c.op(), in);
        Matrix gradOut = uniform(rng, out.rows(), out.cols(), -1, 1);
        // Only the last input needs a gradient: the others are null and must simply be skipped.
        Matrix[] grads = new Matrix[in.length];
        Matrix last = in[in.length - 1];
        grads[in.length - 1] = last.newZeros(last.rows(), last.cols());
        Matrix[] all = new Matrix[in.length];
        for (int i = 0; i < in.length; i++) {
            all[i] = in[i].newZeros(in[i].rows(), in[i].cols());
        }
        c.op().backward(in, out, gradOut, grads);
        c.op().backward(in, out, gradOut, all);
        for (int e = 0; e < last.size(); e++) {
            assertEquals(all[in.length - 1].get(e), grads[in.length - 1].get(e), 1e-15);
        }
    }
}
