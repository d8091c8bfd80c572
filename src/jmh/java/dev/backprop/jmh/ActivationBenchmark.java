package dev.backprop.jmh;

import dev.backprop.autodiff.Op;
import dev.backprop.autodiff.ops.Elementwise;
import dev.backprop.nn.Activation;
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
 * A hidden activation ({@link Activation#op()}, an {@link Elementwise} op) on the pre-activations of a 128-unit
 * layer over a block of {@code batch} examples, {@code 128 x batch} values:
 * <ul>
 *   <li>{@link #forward}: {@code y = f(x)}, {@code Matrix.map} with the op's {@code value};</li>
 *   <li>{@link #backward}: {@code dx += g * f'(x, y)}, {@code Matrix.addZip3} with the op's {@code derivative}.</li>
 * </ul>
 * Score: calls per second; elements per second is that times {@code 128 * batch}. Other activations run with
 * {@code -p activation=LEAKY_RELU,IDENTITY}.
 *
 * <p>Every call sees the same input. For ReLU at {@code batch = 128} (16,384 values) the branch predictor can
 * learn its sign pattern, which it cannot in training, so those scores are flattered; {@code batch = 1024} is not.
 */
@BenchmarkMode(Mode.Throughput)
@Fork(jvmArgsAppend = Jvm.VECTOR_API)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class ActivationBenchmark {

    /** Units of the layer: rows of the activated matrix. */
    public static final int UNITS = 128;

    @Param({"FLOAT", "DOUBLE"})
    public Precision precision;

    @Param({"RELU", "SIGMOID", "TANH"})
    public Activation activation;

    @Param({"128", "1024"})
    public int batch;

    private Op op;
    private Matrix[] in;
    private Matrix out;
    private Matrix gradOut;
    private Matrix[] gradIn;

    @Setup(Level.Trial)
    public void setUp() {
        op = activation.op();
        // Pre-activations of unit scale, about half negative: both branches of ReLU, sigmoid and tanh unsaturated.
        in = new Matrix[] {Fill.uniform(precision, UNITS, batch, 3, 11)};
        out = Matrix.zeros(precision, UNITS, batch);
        op.forward(in, out);
        gradOut = Fill.uniform(precision, UNITS, batch, 1, 12);
        gradIn = new Matrix[] {Matrix.zeros(precision, UNITS, batch)};
    }

    /** The gradient accumulates; clearing it each iteration keeps its magnitude bounded. */
    @Setup(Level.Iteration)
    public void clearGradient() {
        gradIn[0].fill(0);
    }

    /** {@code y = f(x)}. */
    @Benchmark
    public Matrix forward() {
        op.forward(in, out);
        return out;
    }

    /** {@code dx += g * f'(x, y)}. */
    @Benchmark
    public Matrix backward() {
        op.backward(in, out, gradOut, gradIn);
        return gradIn[0];
    }
}
