package dev.backprop.bench;

import dev.backprop.data.Block;
import dev.backprop.nn.Activation;
import dev.backprop.nn.FlatParameters;
import dev.backprop.nn.MlpSpec;
import dev.backprop.nn.OutputLoss;
import dev.backprop.nn.ParameterLayout;
import dev.backprop.tensor.Blas;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import dev.backprop.train.GradientSum;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One thread, no Spark: gradient passes of a network over random blocks, timed, to see what a task's compute costs
 * next to its GEMM calls (run it under a profiler to see where the rest goes). Arguments: examples, hidden sizes
 * (comma-separated), activation, block size, passes, precision, and {@code hot} to give every block the same
 * features (cached, as in GemmRate) instead of streaming them from memory.
 */
public final class BlockPassProfile {

    private BlockPassProfile() {
    }

    /** Subnormal floats in the values and gradients of the graph's nodes (they slow GEMM down many times). */
    private static long subnormals(dev.backprop.nn.MlpGraph graph) {
        long count = 0;
        for (dev.backprop.autodiff.Node node : graph.graph().nodes()) {
            for (Matrix m : new Matrix[] {node.value(), node.grad()}) {
                if (m == null) {
                    continue;
                }
                for (int i = 0; i < m.size(); i++) {
                    double v = Math.abs(m.get(i));
                    if (v > 0 && v < Float.MIN_NORMAL) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    public static void main(String[] args) {
        int examples = args.length > 0 ? Integer.parseInt(args[0]) : 30000;
        String hidden = args.length > 1 ? args[1] : "128";
        Activation activation = Activation.parse(args.length > 2 ? args[2] : "sigmoid");
        int blockSize = args.length > 3 ? Integer.parseInt(args[3]) : 256;
        int passes = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        Precision precision = args.length > 5 && args[5].equals("double") ? Precision.DOUBLE : Precision.FLOAT;
        // "hot": every block shares one feature matrix, which stays in cache, as GemmRate's matrices do.
        boolean hot = args.length > 6 && args[6].equals("hot");
        int[] hiddenSizes = java.util.Arrays.stream(hidden.split(",")).mapToInt(Integer::parseInt).toArray();
        MlpSpec spec = MlpSpec.of(784, hiddenSizes, 10, activation, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        SplittableRandom random = new SplittableRandom(1);
        List<Block> blocks = new ArrayList<>();
        for (int start = 0; start < examples; start += blockSize) {
            int n = Math.min(blockSize, examples - start);
            Matrix x = hot && !blocks.isEmpty() && blocks.get(0).size() == n ? blocks.get(0).features()
                    : Matrix.zeros(precision, 784, n);
            if (x != (blocks.isEmpty() ? null : blocks.get(0).features())) {
                for (int i = 0; i < x.size(); i++) {
                    x.set(i, random.nextDouble());
                }
            }
            Matrix t = Matrix.zeros(precision, 10, n);
            for (int j = 0; j < n; j++) {
                t.set(random.nextInt(10), j, 1);
            }
            blocks.add(new Block(x, t));
        }
        FlatParameters parameters = FlatParameters.initialize(new ParameterLayout(spec), precision, 42);
        int[] sizes = spec.layerSizes();
        double flop = FlopCount.perPass(sizes, examples);
        System.out.printf(Locale.ROOT, "%s, %s, %d examples in blocks of %d, BLAS %s%n", spec, precision, examples,
                blockSize, Blas.implementation());
        for (int pass = 0; pass < passes; pass++) {
            long t0 = System.nanoTime();
            GradientSum sum = new GradientSum(parameters.layout(), precision);
            dev.backprop.nn.MlpGraph graph = new dev.backprop.nn.MlpGraph(parameters, sum.gradient());
            for (Block block : blocks) {
                sum.add(graph, block);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "pass %d: %.3f s, %.1f GFLOP/s (loss %.4f), subnormal values in the "
                            + "graph's buffers: %d%n", pass + 1, seconds, flop / seconds / 1e9, sum.loss() / examples,
                    subnormals(graph));
        }
    }
}
