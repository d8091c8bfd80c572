package dev.backprop.jmh;

import dev.backprop.autodiff.ops.BiasAdd;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
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
 * {@link BiasAdd}, the other op of every dense layer ({@code z = W h + b}), on a 128-unit layer over a block of
 * {@code batch} examples:
 * <ul>
 *   <li>{@link #forward}: {@code Z = X + b 1^T} ({@code Matrix.addColumnVector});</li>
 *   <li>{@link #backward}: {@code dX += G} ({@code Matrix.axpy}) and {@code db += G 1}
 *       ({@code Matrix.addRowSumsTo}, which walks G row by row, a stride of 128 values).</li>
 * </ul>
 * Score: calls per second.
 */
@BenchmarkMode(Mode.Throughput)
@Fork(jvmArgsAppend = Jvm.VECTOR_API)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class BiasAddBenchmark {

    public static final int UNITS = 128;

    @Param({"FLOAT", "DOUBLE"})
    public Precision precision;

    @Param({"128", "1024"})
    public int batch;

    private final BiasAdd op = new BiasAdd();
    private Matrix[] in;
    private Matrix out;
    private Matrix gradOut;
    private Matrix[] gradIn;

    @Setup(Level.Trial)
    public void setUp() {
        in = new Matrix[] {Fill.uniform(precision, UNITS, batch, 1, 31), Fill.uniform(precision, UNITS, 1, 1, 32)};
        out = Matrix.zeros(precision, UNITS, batch);
        gradOut = Fill.uniform(precision, UNITS, batch, 1, 33);
        gradIn = new Matrix[] {Matrix.zeros(precision, UNITS, batch), Matrix.zeros(precision, UNITS, 1)};
    }

    /** The gradients accumulate; clearing them each iteration keeps their magnitude bounded. */
    @Setup(Level.Iteration)
    public void clearGradients() {
        gradIn[0].fill(0);
        gradIn[1].fill(0);
    }

    /** {@code Z = X + b 1^T}. */
    @Benchmark
    public Matrix forward() {
        op.forward(in, out);
        return out;
    }

    /** {@code dX += G}, {@code db += G 1}; both results are returned through the array. */
    @Benchmark
    public Matrix[] backward() {
        op.backward(in, out, gradOut, gradIn);
        return gradIn;
    }
}
