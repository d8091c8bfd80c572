package dev.backprop.tensor;

/**
 * The GEMM call of the engine, through netlib's BLAS ({@code dev.ludovic.netlib}, brought by
 * {@code spark-mllib-local}): the native library when {@code libblas.so.3} loads, else the Java vector API
 * ({@code --add-modules=jdk.incubator.vector}), else plain Java. Without the native library, float products go to
 * {@link VectorSgemm} instead where the vector API has at least 8 float lanes (AVX2 or AVX-512): it is about twice
 * as fast as netlib's vector-API {@code sgemm} there. The system property {@code -Dbackprop.netlibSgemm=true} turns
 * that off (to compare), in each JVM that has it: the driver's through {@code BACKPROP_JAVA_OPTS} in local mode,
 * executors' through {@code spark.executor.extraJavaOptions}. The choice is made per JVM; a job's first line reports
 * the driver's.
 */
public final class Blas {

    private static final dev.ludovic.netlib.blas.BLAS BLAS = dev.ludovic.netlib.blas.BLAS.getInstance();

    /** Whether float products use {@link VectorSgemm} (checked in this order: the class needs the module). */
    private static final boolean OWN_SGEMM = !(BLAS instanceof dev.ludovic.netlib.blas.NativeBLAS)
            && !Boolean.getBoolean("backprop.netlibSgemm")
            && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && VectorSgemm.lanes() >= 8;

    private Blas() {
    }

    /** The implementation in use, for example {@code dev.ludovic.netlib.blas.JNIBLAS} for native BLAS. */
    public static String implementation() {
        return BLAS.getClass().getName();
    }

    /**
     * What computes float products: {@code netlib} (the implementation above) or {@code vector-api} (this
     * project's {@link VectorSgemm}).
     */
    public static String floatGemm() {
        return OWN_SGEMM ? "vector-api" : "netlib";
    }

    /**
     * {@code c = alpha * op(a) * op(b) + beta * c}, where {@code op(x)} is {@code x} or its transpose. With
     * {@code beta = 1} the product is added into {@code c}, which is how backward passes accumulate gradients.
     */
    public static void gemm(boolean transposeA, boolean transposeB, double alpha, Matrix a, Matrix b, double beta,
                            Matrix c) {
        int m = transposeA ? a.cols() : a.rows();
        int k = transposeA ? a.rows() : a.cols();
        int kb = transposeB ? b.cols() : b.rows();
        int n = transposeB ? b.rows() : b.cols();
        if (k != kb || c.rows() != m || c.cols() != n) {
            throw new ShapeException("gemm: " + describe(a, transposeA) + " times " + describe(b, transposeB)
                    + " does not fit into " + c.shape());
        }
        if (a.precision() != b.precision() || a.precision() != c.precision()) {
            throw new IllegalArgumentException("gemm: precisions differ, " + a.precision() + ", " + b.precision()
                    + " and " + c.precision());
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            // As BLAS does for beta = 0, c is then not read: NaN or infinity left in a reused buffer disappears.
            if (beta == 0) {
                c.fill(0);
            } else {
                c.scale(beta);
            }
            return;
        }
        String ta = transposeA ? "T" : "N";
        String tb = transposeB ? "T" : "N";
        int lda = Math.max(1, a.rows());
        int ldb = Math.max(1, b.rows());
        int ldc = Math.max(1, c.rows());
        if (c instanceof DoubleMatrix dc) {
            DoubleMatrix da = (DoubleMatrix) a;
            DoubleMatrix db = (DoubleMatrix) b;
            BLAS.dgemm(ta, tb, m, n, k, alpha, da.data(), da.offset(), lda, db.data(), db.offset(), ldb,
                    beta, dc.data(), dc.offset(), ldc);
        } else {
            FloatMatrix fa = (FloatMatrix) a;
            FloatMatrix fb = (FloatMatrix) b;
            FloatMatrix fc = (FloatMatrix) c;
            if (OWN_SGEMM) {
                VectorSgemm.gemm(transposeA, transposeB, m, n, k, (float) alpha, fa.data(), fa.offset(), lda,
                        fb.data(), fb.offset(), ldb, (float) beta, fc.data(), fc.offset(), ldc);
                return;
            }
            BLAS.sgemm(ta, tb, m, n, k, (float) alpha, fa.data(), fa.offset(), lda, fb.data(), fb.offset(), ldb,
                    (float) beta, fc.data(), fc.offset(), ldc);
        }
    }

    private static String describe(Matrix x, boolean transposed) {
        return transposed ? x.shape() + "^T" : x.shape().toString();
    }
}
