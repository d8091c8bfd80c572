package dev.backprop.autodiff;

import dev.backprop.autodiff.GradientCheck.TensorError;
import dev.backprop.autodiff.ops.OpChecks;
import dev.backprop.autodiff.ops.Sum;
import dev.backprop.autodiff.ops.Tanh;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import dev.backprop.tensor.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static dev.backprop.autodiff.ops.OpChecks.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checker itself: it must flag a wrong backward, accept a right one, and leave the values as it found them. */
class GradientCheckTest {

    private static final Precision D = Precision.DOUBLE;

    /** {@code y = x^3} elementwise, whose backward is multiplied by {@code factor} (1 is correct). */
    private record Cube(double factor) implements Op {
        @Override
        public String name() {
            return "cube";
        }

        @Override
        public Shape outputShape(Shape... inputs) {
            return inputs[0];
        }

        @Override
        public void forward(Matrix[] in, Matrix out) {
            in[0].map(x -> x * x * x, out);
        }

        @Override
        public void backward(Matrix[] in, Matrix out, Matrix gradOut, Matrix[] gradIn) {
            if (gradIn[0] != null) {
                gradIn[0].addZip(gradOut, in[0], (g, x) -> factor * g * 3 * x * x);
            }
        }
    }

    @Test
    void correctBackwardPasses() {
        List<TensorError> errors = OpChecks.check(new Cube(1), new SplittableRandom(1),
                uniform(new SplittableRandom(2), 3, 4, -2, 2));
        assertTrue(GradientCheck.maxError(errors) < OpChecks.TOLERANCE, errors.toString());
    }

    @Test
    void slightlyWrongBackwardIsFlagged() {
        // A backward off by 0.1 % must fail a 1e-5 criterion: the error is about 5e-4.
        List<TensorError> errors = OpChecks.check(new Cube(1.001), new SplittableRandom(1),
                uniform(new SplittableRandom(2), 3, 4, -2, 2));
        assertTrue(GradientCheck.maxError(errors) > 1e-4, errors.toString());
    }

    @Test
    void errorIsTheRelativeNormOfTheDifference() {
        // Backward doubled: a = 2n, so ||a - n|| / (||a|| + ||n||) = 1/3.
        List<TensorError> errors = OpChecks.check(new Cube(2), new SplittableRandom(1),
                uniform(new SplittableRandom(2), 2, 2, 1, 2));
        assertEquals(1.0 / 3, errors.get(0).relativeError(), 1e-7);
        assertEquals(2 * errors.get(0).numericNorm(), errors.get(0).analyticNorm(), 1e-6 * errors.get(0).analyticNorm());
    }

    @Test
    void valuesAreRestoredAndParameterGradientsHoldTheAnalyticGradient() {
        SplittableRandom rng = new SplittableRandom(3);
        Matrix w = uniform(rng, 2, 3, -1, 1);
        double[] before = w.toDoubleArray();
        Matrix gw = Matrix.of(D, 2, 3, 9, 9, 9, 9, 9, 9);
        Graph graph = new Graph(D);
        Node W = graph.parameter("W", w, gw);
        Node loss = graph.apply("L", new Sum(), graph.apply(new Tanh(), W));
        List<TensorError> errors = GradientCheck.run(graph, loss, List.of(W));
        assertTrue(GradientCheck.maxError(errors) < OpChecks.TOLERANCE, errors.toString());
        assertArrayEquals(before, w.toDoubleArray(), 0);
        for (int i = 0; i < w.size(); i++) {
            double t = Math.tanh(w.get(i));
            assertEquals(1 - t * t, gw.get(i), 1e-15, "the stale 9s were zeroed before the check");
        }
        assertEquals(Math.tanh(before[0]) + Math.tanh(before[1]) + Math.tanh(before[2]) + Math.tanh(before[3])
                + Math.tanh(before[4]) + Math.tanh(before[5]), loss.value().get(0), 1e-14,
                "the graph is left forwarded at the original values");
    }

    @Test
    void refusesFloatGraphsAndComputedNodes() {
        Graph single = new Graph(Precision.FLOAT);
        Node v = single.variable("v", Matrix.zeros(Precision.FLOAT, 1, 1));
        Node l = single.apply(new Sum(), v);
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.run(single, l, List.of(v)));

        Graph graph = new Graph(D);
        Node a = graph.variable("a", Matrix.of(D, 1, 1, 0.5));
        Node t = graph.apply("t", new Tanh(), a);
        Node loss = graph.apply(new Sum(), t);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.run(graph, loss, List.of(t)));
        assertTrue(e.getMessage().contains("t"), e.getMessage());
    }
}
