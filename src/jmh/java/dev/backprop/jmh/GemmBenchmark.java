package dev.backprop.jmh;

import dev.backprop.autodiff.ops.MatMul;
import dev.backprop.tensor.Blas;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The three GEMM calls of a dense layer {@code z = W h + b} over a block of {@code batch} examples (one per column),
 * exactly as {@link MatMul} makes them through {@link Blas#gemm}, with {@code W} of {@code out x in}:
 * <ul>
 *   <li>{@link #forward}: {@code Z = W X}, NN, beta 0 ({@code m = out, n = batch, k = in});</li>
 *   <li>{@link #weightGradient}: {@code dW += G X^T}, NT, beta 1 ({@code m = out, n = in, k = batch});</li>
 *   <li>{@link #inputGradient}: {@code dX += W^T G}, TN, beta 1 ({@code m = in, n = batch, k = out}).</li>
 * </ul>
 * Each call does {@code 2 m n k = 2 * in * out * batch} floating-point operations (one multiply and one add per
 * term; the beta = 1 accumulation adds {@code m n} more, not counted). The primary score is calls per second;
 * the secondary score {@code gflop} is the same rate in GFLOP/s (an {@link AuxCounters} counter that adds
 * {@code 2 m n k / 1e9} per call), so that {@code gflop = calls/s * 2 * in * out * batch / 1e9}.
 *
 * <p>{@code layer} is {@code in x out}: 784x128 (an MNIST input layer), 128x10 (a 10-class output layer) and
 * 1024x1024 (a wide hidden layer). The implementation in use ({@link Blas#implementation()}) is printed at setup.
 */
@BenchmarkMode(Mode.Throughput)
@Fork(jvmArgsAppend = Jvm.VECTOR_API)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class GemmBenchmark {

    @Param({"FLOAT", "DOUBLE"})
    public Precision precision;

    /** {@code in x out} of the layer. */
    @Param({"784x128", "128x10", "1024x1024"})
    public String layer;

    /** Examples in the block (columns of X). */
    @Param({"128", "1024"})
    public int batch;

    private Matrix w;
    private Matrix x;
    private Matrix z;
    private Matrix g;
    private Matrix dw;
    private Matrix dx;
    private double gflopPerCall;

    /** Counts GFLOP done, reported by JMH as a rate: GFLOP/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        public double gflop;

        @Setup(Level.Iteration)
        public void reset() {
            gflop = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        String[] dims = layer.split("x");
        int in = Integer.parseInt(dims[0]);
        int out = Integer.parseInt(dims[1]);
        w = Fill.uniform(precision, out, in, 1 / Math.sqrt(in), 1);
        x = Fill.uniform(precision, in, batch, 1, 2);
        g = Fill.uniform(precision, out, batch, 1, 3);
        z = Matrix.zeros(precision, out, batch);
        dw = Matrix.zeros(precision, out, in);
        dx = Matrix.zeros(precision, in, batch);
        gflopPerCall = 2.0 * in * out * batch / 1e9;
        System.out.println("# BLAS: " + Blas.implementation() + " (float GEMM: " + Blas.floatGemm() + "), "
                + Jvm.openBlasThreads());
    }

    /** The gradients accumulate (beta = 1); clearing them each iteration keeps their magnitude bounded. */
    @Setup(Level.Iteration)
    public void clearGradients() {
        dw.fill(0);
        dx.fill(0);
    }

    /** {@code Z = W X} (NN, beta 0): the forward product, {@code MatMul.forward}. */
    @Benchmark
    public Matrix forward(Flops flops) {
        Blas.gemm(false, false, 1, w, x, 0, z);
        flops.gflop += gflopPerCall;
        return z;
    }

    /** {@code dW += G X^T} (NT, beta 1): the weight gradient, the first half of {@code MatMul.backward}. */
    @Benchmark
    public Matrix weightGradient(Flops flops) {
        Blas.gemm(false, true, 1, g, x, 1, dw);
        flops.gflop += gflopPerCall;
        return dw;
    }

    /**
     * {@code dX += W^T G} (TN, beta 1): the gradient passed to the layer below, the second half of
     * {@code MatMul.backward} (skipped by the trainer for the first layer, whose input needs no gradient).
     */
    @Benchmark
    public Matrix inputGradient(Flops flops) {
        Blas.gemm(true, false, 1, w, g, 1, dx);
        flops.gflop += gflopPerCall;
        return dx;
    }
}
