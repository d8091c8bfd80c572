package dev.backprop.nn;

import dev.backprop.autodiff.GradientCheck;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole MLPs, every depth x hidden activation x output/loss pairing, checked against central differences. */
class MlpGradientCheckTest {

    static Stream<Arguments> networks() {
        List<Arguments> cases = new ArrayList<>();
        int[][] hiddenShapes = {{}, {5}, {6, 4}, {5, 4, 3}};
        for (int[] hidden : hiddenShapes) {
            for (Activation activation : Activation.values()) {
                for (OutputLoss output : OutputLoss.values()) {
                    cases.add(Arguments.of(hidden, activation, output));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "hidden {0} {1} {2}")
    @MethodSource("networks")
    void backpropMatchesCentralDifferences(int[] hidden, Activation activation, OutputLoss output) {
        int outputs = output == OutputLoss.SOFTMAX_CROSS_ENTROPY ? 3 : 2;
        MlpSpec spec = MlpSpec.of(4, hidden, outputs, activation, output);
        ParameterLayout layout = new ParameterLayout(spec);
        SplittableRandom random = new SplittableRandom(hidden.length * 100L + activation.ordinal() * 10L
                + output.ordinal());
        FlatParameters params = FlatParameters.initialize(layout, Precision.DOUBLE, random.nextLong());
        for (int l = 0; l < spec.layers(); l++) {
            Matrix b = params.bias(l);
            for (int i = 0; i < b.size(); i++) {
                b.set(i, 0.3 * random.nextGaussian());
            }
        }
        FlatParameters grads = FlatParameters.zeros(layout, Precision.DOUBLE);
        MlpGraph graph = new MlpGraph(params, grads);
        int n = 7;
        Matrix t = targets(output, outputs, n, random);
        boolean kinked = activation == Activation.RELU || activation == Activation.LEAKY_RELU;
        int draws = 0;
        do {
            Matrix x = Matrix.zeros(Precision.DOUBLE, 4, n);
            for (int i = 0; i < x.size(); i++) {
                x.set(i, random.nextGaussian());
            }
            graph.setBlock(x, t);
            assertTrue(++draws < 100, "no draw kept the pre-activations away from the kink");
        } while (kinked && nearKink(graph));
        List<GradientCheck.TensorError> errors = GradientCheck.run(graph.graph(), graph.lossNode(),
                graph.parameterNodes());
        for (GradientCheck.TensorError e : errors) {
            assertTrue(e.relativeError() < 1e-5, spec + ": " + e);
            assertTrue(e.analyticNorm() > 0 || e.numericNorm() == 0, spec + ": zero gradient " + e);
        }
    }

    private static Matrix targets(OutputLoss output, int outputs, int n, SplittableRandom random) {
        Matrix t = Matrix.zeros(Precision.DOUBLE, outputs, n);
        for (int j = 0; j < n; j++) {
            if (output == OutputLoss.SOFTMAX_CROSS_ENTROPY) {
                t.set(random.nextInt(outputs), j, 1);
            } else {
                for (int r = 0; r < outputs; r++) {
                    t.set(r, j, output == OutputLoss.IDENTITY_SQUARED_ERROR ? random.nextGaussian()
                            : random.nextInt(2));
                }
            }
        }
        return t;
    }

    /** Central differences straddling a ReLU kink are meaningless: inputs are redrawn until none is near. */
    private static boolean nearKink(MlpGraph graph) {
        graph.graph().forward();
        String logits = "z" + graph.spec().layers();
        return graph.graph().nodes().stream()
                .filter(node -> node.name().startsWith("z") && !node.name().equals(logits))
                .anyMatch(node -> {
                    Matrix z = node.value();
                    for (int i = 0; i < z.size(); i++) {
                        if (Math.abs(z.get(i)) <= 1e-3) {
                            return true;
                        }
                    }
                    return false;
                });
    }
}
