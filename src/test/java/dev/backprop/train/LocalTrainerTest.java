package dev.backprop.train;

import dev.backprop.data.Block;
import dev.backprop.data.BlockBuilder;
import dev.backprop.data.LabeledPoint;
import dev.backprop.data.LibsvmFiles;
import dev.backprop.data.TargetEncoding;
import dev.backprop.nn.Activation;
import dev.backprop.nn.FlatParameters;
import dev.backprop.nn.MlpGraph;
import dev.backprop.nn.MlpSpec;
import dev.backprop.nn.OutputLoss;
import dev.backprop.nn.ParameterLayout;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local training loop learns: XOR, a 1-D curve, and MNIST digits. */
class LocalTrainerTest {

    private static final Path MNIST = Path.of("src", "data", "mnist-10k");

    @Test
    void learnsXorWithTwoSigmoidHiddenUnits() {
        MlpSpec spec = MlpSpec.of(2, new int[] {2}, 1, Activation.SIGMOID, OutputLoss.SIGMOID_BINARY_CROSS_ENTROPY);
        Matrix x = Matrix.of(Precision.DOUBLE, 2, 4, 0, 0, 0, 1, 1, 0, 1, 1);
        Matrix t = Matrix.of(Precision.DOUBLE, 1, 4, 0, 1, 1, 0);
        FlatParameters params = FlatParameters.initialize(new ParameterLayout(spec), Precision.DOUBLE, 7);
        List<LocalTrainer.EpochResult> history = new LocalTrainer(TrainingOptions.fullBatch(4000, 2.0, 0))
                .train(params, List.of(new Block(x, t)));
        Matrix out = new MlpGraph(params).predict(x);
        for (int j = 0; j < 4; j++) {
            assertEquals(t.get(j), out.get(j), 0.1, "XOR of example " + j + ": " + out);
        }
        assertTrue(history.get(history.size() - 1).meanLoss() < 0.05, "final loss " + history.get(3999));
    }

    @Test
    void fitsASineCurveWithATanhNetwork() {
        MlpSpec spec = MlpSpec.of(1, new int[] {16}, 1, Activation.TANH, OutputLoss.IDENTITY_SQUARED_ERROR);
        int n = 64;
        Matrix x = Matrix.zeros(Precision.DOUBLE, 1, n);
        Matrix t = Matrix.zeros(Precision.DOUBLE, 1, n);
        for (int j = 0; j < n; j++) {
            double v = -3 + 6.0 * j / (n - 1);
            x.set(j, v);
            t.set(j, Math.sin(v));
        }
        FlatParameters params = FlatParameters.initialize(new ParameterLayout(spec), Precision.DOUBLE, 3);
        new LocalTrainer(new TrainingOptions(3000, 0.05, 0, false, 8, 11)).train(params, List.of(new Block(x, t)));
        Matrix y = new MlpGraph(params).predict(x);
        double sse = 0;
        for (int j = 0; j < n; j++) {
            sse += (y.get(j) - t.get(j)) * (y.get(j) - t.get(j));
        }
        double rmse = Math.sqrt(sse / n);
        assertTrue(rmse < 0.05, "RMSE against sin(x) on [-3, 3]: " + rmse);
    }

    @Test
    void mnistReluNetworkReachesNinetyThreePercent() throws IOException {
        TargetEncoding oneHot = new TargetEncoding.OneHot(10);
        BlockBuilder builder = new BlockBuilder(784, oneHot, Precision.DOUBLE, 256);
        List<LabeledPoint> train = LibsvmFiles.read(MNIST.resolve("train.libsvm.gz"), 784);
        List<LabeledPoint> test = LibsvmFiles.read(MNIST.resolve("test.libsvm.gz"), 784);
        assertEquals(7996, train.size());
        assertEquals(2004, test.size());
        List<LabeledPoint> shuffled = new ArrayList<>(train);
        Collections.shuffle(shuffled, new Random(1)); // the file is sorted by label: one class per batch otherwise
        List<Block> trainBlocks = builder.stackAll(shuffled, "train.libsvm.gz");
        List<Block> testBlocks = builder.stackAll(test, "test.libsvm.gz");
        MlpSpec spec = MlpSpec.of(784, new int[] {64}, 10, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        FlatParameters params = FlatParameters.initialize(new ParameterLayout(spec), Precision.DOUBLE, 42);
        List<LocalTrainer.EpochResult> history = new LocalTrainer(new TrainingOptions(20, 0.1, 1e-4, false, 32, 5))
                .train(params, trainBlocks);
        double accuracy = LocalTrainer.accuracy(params, testBlocks);
        assertTrue(accuracy >= 0.93, "test accuracy " + accuracy + " after " + history);
        assertTrue(history.get(19).meanLoss() < history.get(0).meanLoss(), "loss did not fall: " + history);
    }
}
