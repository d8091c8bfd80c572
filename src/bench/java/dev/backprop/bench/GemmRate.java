package dev.backprop.bench;

import dev.backprop.tensor.Blas;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The machine's GEMM rate for the exact calls a gradient pass makes ({@link dev.backprop.autodiff.ops.MatMul} through
 * {@link Blas#gemm}) on one block: per layer, the forward product {@code W H} (NN), the weight gradient
 * {@code G H^T} (NT, beta 1) and, except for the first layer, the input gradient {@code W^T G} (TN, beta 1). The rate
 * is the best of several timed runs of that sequence, on one thread or on {@code threads} threads at once (each with
 * its own matrices, as tasks have), FLOP counted as {@link FlopCount} does.
 */
final class GemmRate {

    private static final int RUNS = 7;
    private static final double MIN_RUN_SECONDS = 0.3;

    private GemmRate() {
    }

    /** GFLOP/s of the GEMM calls of one block of {@code block} examples, on {@code threads} threads at once. */
    static double gflops(int[] sizes, int block, Precision precision, int threads) throws Exception {
        List<Calls> perThread = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            perThread.add(new Calls(sizes, block, precision, 17 + t));
        }
        // Warm-up: JIT, first touch, BLAS initialisation.
        for (Calls calls : perThread) {
            calls.run(3);
        }
        double flopPerRound = FlopCount.perPass(sizes, block);
        int rounds = Math.max(1, (int) Math.ceil(MIN_RUN_SECONDS * 30e9 / flopPerRound));
        double best = 0;
        for (int run = 0; run < RUNS; run++) {
            double seconds = timeTogether(perThread, rounds);
            best = Math.max(best, flopPerRound * rounds * threads / seconds / 1e9);
        }
        return best;
    }

    /**
     * Seconds for every thread to run its calls {@code rounds} times, started together. A worker's failure is
     * rethrown here (a pool's futures, rather than bare threads that could leave the caller waiting).
     */
    private static double timeTogether(List<Calls> perThread, int rounds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(perThread.size());
        try {
            CyclicBarrier start = new CyclicBarrier(perThread.size());
            List<Future<Long>> ends = new ArrayList<>();
            long[] started = new long[1];
            for (Calls calls : perThread) {
                ends.add(pool.submit(() -> {
                    start.await();
                    synchronized (started) {
                        if (started[0] == 0) {
                            started[0] = System.nanoTime();
                        }
                    }
                    calls.run(rounds);
                    return System.nanoTime();
                }));
            }
            long end = 0;
            for (Future<Long> f : ends) {
                end = Math.max(end, f.get());
            }
            return (end - started[0]) / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The matrices of one block's gradient pass and the calls on them. */
    private static final class Calls {
        private final Matrix[] weights;
        private final Matrix[] weightGradients;
        private final Matrix[] activations;
        private final Matrix[] outputGradients;
        private final Matrix[] products;
        private final Matrix[] inputGradients;

        Calls(int[] sizes, int block, Precision precision, long seed) {
            int layers = sizes.length - 1;
            weights = new Matrix[layers];
            weightGradients = new Matrix[layers];
            activations = new Matrix[layers];
            outputGradients = new Matrix[layers];
            products = new Matrix[layers];
            inputGradients = new Matrix[layers];
            SplittableRandom random = new SplittableRandom(seed);
            for (int l = 0; l < layers; l++) {
                weights[l] = random(precision, sizes[l + 1], sizes[l], random);
                weightGradients[l] = Matrix.zeros(precision, sizes[l + 1], sizes[l]);
                activations[l] = random(precision, sizes[l], block, random);
                outputGradients[l] = random(precision, sizes[l + 1], block, random);
                products[l] = Matrix.zeros(precision, sizes[l + 1], block);
                inputGradients[l] = Matrix.zeros(precision, sizes[l], block);
            }
        }

        private static Matrix random(Precision precision, int rows, int cols, SplittableRandom random) {
            Matrix m = Matrix.zeros(precision, rows, cols);
            for (int i = 0; i < m.size(); i++) {
                m.set(i, random.nextDouble(-1, 1));
            }
            return m;
        }

        void run(int rounds) {
            for (int r = 0; r < rounds; r++) {
                for (int l = 0; l < weights.length; l++) {
                    Blas.gemm(false, false, 1, weights[l], activations[l], 0, products[l]);
                }
                for (int l = weights.length - 1; l >= 0; l--) {
                    Blas.gemm(false, true, 1, outputGradients[l], activations[l], 1, weightGradients[l]);
                    if (l > 0) {
                        Blas.gemm(true, false, 1, weights[l], outputGradients[l], 1, inputGradients[l]);
                    }
                }
                // The gradients accumulate (beta = 1) without being reset: they grow linearly, far from overflow
                // for the rounds timed here, and no reset loop is timed with the GEMM calls.
            }
        }
    }
}
