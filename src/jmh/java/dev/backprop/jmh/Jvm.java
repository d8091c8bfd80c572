package dev.backprop.jmh;

/** What the forked benchmark JVMs need, as the tests and job scripts have it (pom.xml's {@code spark.jvm.flags}). */
final class Jvm {

    /**
     * The vector API, for netlib's VectorBLAS when native BLAS does not load. Appended to every fork's flags
     * ({@code @Fork(jvmArgsAppend)}) in case the JVM that runs JMH was started without it; a {@code -jvmArgsAppend}
     * on the command line replaces it, but forks also inherit the flags of the JVM that runs JMH.
     */
    static final String VECTOR_API = "--add-modules=jdk.incubator.vector";

    private Jvm() {
    }

    /**
     * {@code OPENBLAS_NUM_THREADS} as the fork sees it (forks inherit the environment of the JVM that runs JMH).
     * The trainer runs OpenBLAS single-threaded, its parallelism coming from Spark's tasks, so the benchmarks
     * should too.
     */
    static String openBlasThreads() {
        String threads = System.getenv("OPENBLAS_NUM_THREADS");
        return threads == null
                ? "OPENBLAS_NUM_THREADS not set (OpenBLAS may use every core; the trainer sets 1)"
                : "OPENBLAS_NUM_THREADS=" + threads;
    }
}
