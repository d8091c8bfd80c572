package dev.backprop.jmh;

import dev.backprop.tensor.DoubleMatrix;
import dev.backprop.tensor.FloatMatrix;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * A reference point, not project code: ReLU forward written as a plain loop over the backing array of a
 * {@link FloatMatrix} or {@link DoubleMatrix}, on the same {@code 128 x batch} input as
 * {@code ActivationBenchmark.forward} with {@code activation=RELU}. The ratio of the two scores is what the
 * generic kernel ({@code Matrix.map} through {@code get}/{@code set} and a {@code DoubleUnaryOperator}) costs.
 */
@BenchmarkMode(Mode.Throughput)
@Fork(jvmArgsAppend = Jvm.VECTOR_API)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class ElementwiseBaselineBenchmark {

    @Param({"FLOAT", "DOUBLE"})
    public Precision precision;

    @Param({"128", "1024"})
    public int batch;

    private Matrix in;
    private Matrix out;

    @Setup
    public void setUp() {
        in = Fill.uniform(precision, ActivationBenchmark.UNITS, batch, 3, 11);
        out = Matrix.zeros(precision, ActivationBenchmark.UNITS, batch);
    }

    /** {@code y = max(x, 0)} on the primitive arrays. */
    @Benchmark
    public Matrix reluForwardPlainLoop() {
        int n = in.size();
        if (in instanceof FloatMatrix fin) {
            float[] x = fin.data();
            float[] y = ((FloatMatrix) out).data();
            int xo = fin.offset();
            int yo = out.offset();
            for (int i = 0; i < n; i++) {
                float v = x[xo + i];
                y[yo + i] = v > 0 ? v : 0;
            }
        } else {
            double[] x = ((DoubleMatrix) in).data();
            double[] y = ((DoubleMatrix) out).data();
            int xo = in.offset();
            int yo = out.offset();
            for (int i = 0; i < n; i++) {
                double v = x[xo + i];
                y[yo + i] = v > 0 ? v : 0;
            }
        }
        return out;
    }
}
