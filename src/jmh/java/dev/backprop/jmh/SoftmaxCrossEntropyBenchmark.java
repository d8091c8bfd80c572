package dev.backprop.jmh;

import dev.backprop.loss.SoftmaxCrossEntropy;
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
 * {@link SoftmaxCrossEntropy} on the logits of a 10-class output layer over a block of {@code batch} examples
 * ({@code 10 x batch}), with one-hot targets and no example weights, as the trainer runs it:
 * <ul>
 *   <li>{@link #forward}: the summed loss (one log-sum-exp per column);</li>
 *   <li>{@link #backward}: {@code dZ += g (softmax(Z) - T)}; the targets need no gradient (null), as in the
 *       trainer. The log-sum-exp of each column is computed again here.</li>
 * </ul>
 * Score: calls per second; a training step makes one call of each.
 */
@BenchmarkMode(Mode.Throughput)
@Fork(jvmArgsAppend = Jvm.VECTOR_API)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class SoftmaxCrossEntropyBenchmark {

    public static final int CLASSES = 10;

    @Param({"FLOAT", "DOUBLE"})
    public Precision precision;

    @Param({"128", "1024"})
    public int batch;

    private final SoftmaxCrossEntropy op = new SoftmaxCrossEntropy();
    private Matrix[] in;
    private Matrix loss;
    private Matrix gradLoss;
    private Matrix[] gradIn;

    @Setup(Level.Trial)
    public void setUp() {
        in = new Matrix[] {Fill.uniform(precision, CLASSES, batch, 4, 21), Fill.oneHot(precision, CLASSES, batch, 22)};
        loss = Matrix.zeros(precision, 1, 1);
        gradLoss = Matrix.scalar(precision, 1);
        gradIn = new Matrix[] {Matrix.zeros(precision, CLASSES, batch), null};
    }

    /** The gradient accumulates; clearing it each iteration keeps its magnitude bounded. */
    @Setup(Level.Iteration)
    public void clearGradient() {
        gradIn[0].fill(0);
    }

    /** The loss, summed over the block. */
    @Benchmark
    public double forward() {
        op.forward(in, loss);
        return loss.get(0);
    }

    /** {@code dZ += softmax(Z) - T}. */
    @Benchmark
    public Matrix backward() {
        op.backward(in, loss, gradLoss, gradIn);
        return gradIn[0];
    }
}
