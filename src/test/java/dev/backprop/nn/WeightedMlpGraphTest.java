package dev.backprop.nn;

import dev.backprop.autodiff.GradientCheck;
import dev.backprop.autodiff.Node;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import dev.backprop.tensor.ShapeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole MLPs on blocks with example weights: gradient-checked, bit-identical to unweighted blocks at unit weights,
 * a weight of 2 is a duplicated example and 0 a removed one, and unweighted blocks never run the weighted loss.
 */
class WeightedMlpGraphTest {

    private static final int IN = 4;

    private static int outputs(OutputLoss output) {
        return output == OutputLoss.SOFTMAX_CROSS_ENTROPY ? 3 : 2;
    }

    private static MlpSpec spec(int[] hidden, Activation activation, OutputLoss output) {
        return MlpSpec.of(IN, hidden, outputs(output), activation, output);
    }

    /** Parameters with nonzero biases. */
    private static FlatParameters parameters(MlpSpec spec, Precision precision, SplittableRandom random) {
        ParameterLayout layout = new ParameterLayout(spec);
        FlatParameters p = FlatParameters.initialize(layout, precision, random.nextLong());
        for (int l = 0; l < spec.layers(); l++) {
            Matrix b = p.bias(l);
            for (int i = 0; i < b.size(); i++) {
                b.set(i, 0.3 * random.nextGaussian());
            }
        }
        return p;
    }

    private static Matrix gaussian(Precision p, int rows, int cols, SplittableRandom random) {
        Matrix m = Matrix.zeros(p, rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.set(i, random.nextGaussian());
        }
        return m;
    }

    private static Matrix targets(Precision p, OutputLoss output, int n, SplittableRandom random) {
        int k = outputs(output);
        Matrix t = Matrix.zeros(p, k, n);
        for (int j = 0; j < n; j++) {
            if (output == OutputLoss.SOFTMAX_CROSS_ENTROPY) {
                t.set(random.nextInt(k), j, 1);
            } else {
                for (int r = 0; r < k; r++) {
                    t.set(r, j, output == OutputLoss.IDENTITY_SQUARED_ERROR ? random.nextGaussian()
                            : random.nextInt(2));
                }
            }
        }
        return t;
    }

    private static Matrix row(Precision p, double... values) {
        return Matrix.of(p, 1, values.length, values);
    }

    /** The columns {@code order} of {@code m}, as a new matrix. */
    private static Matrix pick(Matrix m, int... order) {
        Matrix out = m.newZeros(m.rows(), order.length);
        for (int j = 0; j < order.length; j++) {
            out.columns(j, j + 1).copyFrom(m.columns(order[j], order[j] + 1));
        }
        return out;
    }

    /** Loss and flat gradient of one block on a fresh gradient vector. */
    private record Result(double loss, Matrix gradient) {
    }

    private static Result run(FlatParameters parameters, Matrix x, Matrix t, Matrix w) {
        FlatParameters gradients = FlatParameters.zeros(parameters.layout(), parameters.flat().precision());
        MlpGraph graph = new MlpGraph(parameters, gradients);
        double loss = graph.addLossAndGradient(x, t, w);
        return new Result(loss, gradients.flat());
    }

    private static void assertClose(Result expected, Result actual) {
        assertEquals(expected.loss(), actual.loss(), 1e-12 * Math.abs(expected.loss()), "loss");
        Matrix diff = actual.gradient().copy();
        diff.axpy(-1, expected.gradient());
        assertTrue(expected.gradient().norm() > 0);
        assertTrue(diff.norm() <= 1e-12 * expected.gradient().norm(),
                "gradient relative difference " + diff.norm() / expected.gradient().norm());
    }

    private static void assertBitIdentical(Result expected, Result actual) {
        assertEquals(Double.doubleToRawLongBits(expected.loss()), Double.doubleToRawLongBits(actual.loss()),
                "loss " + expected.loss() + " vs " + actual.loss());
        for (int i = 0; i < expected.gradient().size(); i++) {
            assertEquals(Double.doubleToRawLongBits(expected.gradient().get(i)),
                    Double.doubleToRawLongBits(actual.gradient().get(i)), "gradient entry " + i);
        }
    }

    // ---- gradient check ------------------------------------------------------------------------------------------

    static Stream<Arguments> networks() {
        List<Arguments> cases = new ArrayList<>();
        for (int[] hidden : new int[][]{{}, {5}, {6, 4}}) {
            for (Activation activation : new Activation[]{Activation.TANH, Activation.SIGMOID}) {
                for (OutputLoss output : OutputLoss.values()) {
                    cases.add(Arguments.of(hidden, activation, output));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "hidden {0} {1} {2}")
    @MethodSource("networks")
    void weightedBlocksPassTheGradientCheck(int[] hidden, Activation activation, OutputLoss output) {
        MlpSpec spec = spec(hidden, activation, output);
        SplittableRandom random = new SplittableRandom(hidden.length * 100L + activation.ordinal() * 10L
                + output.ordinal());
        FlatParameters params = parameters(spec, Precision.DOUBLE, random);
        MlpGraph graph = new MlpGraph(params, FlatParameters.zeros(params.layout(), Precision.DOUBLE));
        int n = 7;
        Matrix w = row(Precision.DOUBLE, 0.5, 2, 0, 1, 3.25, 0.125, 1.5);
        graph.setBlock(gaussian(Precision.DOUBLE, IN, n, random), targets(Precision.DOUBLE, output, n, random), w);
        assertSame(w, graph.exampleWeightsNode().value());
        List<GradientCheck.TensorError> errors = GradientCheck.run(graph.graph(), graph.lossNode(),
                graph.parameterNodes());
        for (GradientCheck.TensorError e : errors) {
            assertTrue(e.relativeError() < 1e-5, spec + ": " + e);
            assertTrue(e.analyticNorm() > 0, spec + ": zero gradient " + e);
        }
    }

    // ---- unit weights, duplicates, removals ------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(OutputLoss.class)
    void unitWeightsGiveBitIdenticalLossAndGradientInBothPrecisions(OutputLoss output) {
        for (Precision p : Precision.values()) {
            SplittableRandom random = new SplittableRandom(output.ordinal());
            MlpSpec spec = spec(new int[]{5}, Activation.TANH, output);
            FlatParameters params = parameters(spec, p, random);
            int n = 9;
            Matrix x = gaussian(p, IN, n, random);
            Matrix t = targets(p, output, n, random);
            Matrix ones = Matrix.zeros(p, 1, n);
            ones.fill(1);
            assertBitIdentical(run(params, x, t, null), run(params, x, t, ones));
        }
    }

    @ParameterizedTest
    @EnumSource(OutputLoss.class)
    void aWeightOfTwoEqualsTheExampleTwiceAndZeroRemovesIt(OutputLoss output) {
        SplittableRandom random = new SplittableRandom(10 + output.ordinal());
        MlpSpec spec = spec(new int[]{5}, Activation.TANH, output);
        FlatParameters params = parameters(spec, Precision.DOUBLE, random);
        Matrix x = gaussian(Precision.DOUBLE, IN, 4, random);
        Matrix t = targets(Precision.DOUBLE, output, 4, random);
        assertClose(run(params, pick(x, 0, 1, 1, 2, 3), pick(t, 0, 1, 1, 2, 3), null),
                run(params, x, t, row(Precision.DOUBLE, 1, 2, 1, 1)));
        assertClose(run(params, pick(x, 0, 2, 3), pick(t, 0, 2, 3), null),
                run(params, x, t, row(Precision.DOUBLE, 1, 0, 1, 1)));
        // Weights 3, 1, 0, 2: example 0 three times, example 3 twice, example 2 not at all.
        assertClose(run(params, pick(x, 0, 0, 0, 1, 3, 3), pick(t, 0, 0, 0, 1, 3, 3), null),
                run(params, x, t, row(Precision.DOUBLE, 3, 1, 0, 2)));
    }

    // ---- one graph, weighted and unweighted blocks of several sizes -----------------------------------------------

    private static Node node(MlpGraph graph, String name) {
        return graph.graph().nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void unweightedBlocksNeverRunTheWeightedLoss() {
        SplittableRandom random = new SplittableRandom(3);
        MlpSpec spec = spec(new int[]{5}, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        FlatParameters params = parameters(spec, Precision.DOUBLE, random);
        MlpGraph graph = new MlpGraph(params, FlatParameters.zeros(params.layout(), Precision.DOUBLE));
        graph.addLossAndGradient(gaussian(Precision.DOUBLE, IN, 6, random),
                targets(Precision.DOUBLE, OutputLoss.SOFTMAX_CROSS_ENTROPY, 6, random));
        graph.loss(gaussian(Precision.DOUBLE, IN, 3, random),
                targets(Precision.DOUBLE, OutputLoss.SOFTMAX_CROSS_ENTROPY, 3, random));
        assertNull(node(graph, "weighted_loss").value(), "the weighted loss was computed for unweighted blocks");
        assertSame(node(graph, "loss"), graph.lossNode());
        graph.loss(gaussian(Precision.DOUBLE, IN, 3, random),
                targets(Precision.DOUBLE, OutputLoss.SOFTMAX_CROSS_ENTROPY, 3, random), row(Precision.DOUBLE, 1, 2, 3));
        assertSame(node(graph, "weighted_loss"), graph.lossNode());
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void oneGraphAlternatingWeightedAndUnweightedBlocksMatchesFreshGraphs(Precision p) {
        SplittableRandom random = new SplittableRandom(4);
        OutputLoss output = OutputLoss.SIGMOID_BINARY_CROSS_ENTROPY;
        MlpSpec spec = spec(new int[]{5}, Activation.TANH, output);
        FlatParameters params = parameters(spec, p, random);
        FlatParameters gradients = FlatParameters.zeros(params.layout(), p);
        MlpGraph graph = new MlpGraph(params, gradients);
        int[] sizes = {6, 3, 8, 3, 6, 1};
        for (int b = 0; b < sizes.length; b++) {
            int n = sizes[b];
            Matrix x = gaussian(p, IN, n, random);
            Matrix t = targets(p, output, n, random);
            Matrix w = null;
            if (b % 2 == 0) {
                w = Matrix.zeros(p, 1, n);
                for (int j = 0; j < n; j++) {
                    w.set(j, 3 * random.nextDouble());
                }
            }
            gradients.flat().fill(0);
            double loss = graph.addLossAndGradient(x, t, w);
            assertBitIdentical(run(params, x, t, w), new Result(loss, gradients.flat()));
            // A whole-tape forward (as gradient checks run) works after every kind of block.
            graph.graph().forward();
            assertEquals(Double.doubleToRawLongBits(loss), Double.doubleToRawLongBits(graph.lossNode().value().get(0)));
        }
    }

    @Test
    void weightsOfTheWrongShapeOrPrecisionAreRefused() {
        SplittableRandom random = new SplittableRandom(5);
        MlpSpec spec = spec(new int[]{5}, Activation.TANH, OutputLoss.IDENTITY_SQUARED_ERROR);
        MlpGraph graph = new MlpGraph(parameters(spec, Precision.DOUBLE, random));
        Matrix x = gaussian(Precision.DOUBLE, IN, 4, random);
        Matrix t = targets(Precision.DOUBLE, OutputLoss.IDENTITY_SQUARED_ERROR, 4, random);
        ShapeException e = assertThrows(ShapeException.class,
                () -> graph.addLossAndGradient(x, t, Matrix.zeros(Precision.DOUBLE, 1, 3)));
        assertTrue(e.getMessage().contains("1x3") && e.getMessage().contains("4x4"), e.getMessage());
        assertThrows(ShapeException.class, () -> graph.loss(x, t, Matrix.zeros(Precision.DOUBLE, 4, 1)));
        assertThrows(IllegalArgumentException.class, () -> graph.loss(x, t, Matrix.zeros(Precision.FLOAT, 1, 4)));
    }

    @Test
    void attachWithWeightsBuildsTheWeightedSum() {
        // OutputLoss.attach with a weights node, on a graph of its own: L = sum_j w_j l_j.
        dev.backprop.autodiff.Graph g = new dev.backprop.autodiff.Graph(Precision.DOUBLE);
        Matrix z = Matrix.of(Precision.DOUBLE, 1, 3, 0.5, -1, 2);
        Matrix t = Matrix.of(Precision.DOUBLE, 1, 3, 1, 0, 0.25);
        Node zn = g.variable("z", z);
        Node tn = g.input("t", t);
        Node wn = g.input("w", row(Precision.DOUBLE, 2, 0, 0.5));
        Node loss = OutputLoss.SIGMOID_SQUARED_ERROR.attach(g, zn, tn, wn);
        g.forward();
        double expected = 0;
        double[] w = {2, 0, 0.5};
        for (int j = 0; j < 3; j++) {
            double d = 1 / (1 + Math.exp(-z.get(j))) - t.get(j);
            expected += w[j] * 0.5 * d * d;
        }
        assertEquals(expected, loss.value().get(0), 1e-15);
    }
}
