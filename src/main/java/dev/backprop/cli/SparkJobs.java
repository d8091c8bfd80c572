package dev.backprop.cli;

import dev.backprop.spark.KryoRegistrator;
import dev.backprop.tensor.Blas;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.nio.file.Path;

/** What every Spark job shares: its context with the project's defaults, and path resolution. */
final class SparkJobs {

    /** Local mode on all cores, each failed task retried up to 4 times. */
    static final String DEFAULT_MASTER = "local[*,4]";

    private SparkJobs() {
    }

    /**
     * A context for {@code appName}. Settings given to spark-submit (master, conf/spark-defaults.conf) win; where
     * they are missing: local mode on all cores with retries, and Kryo with the project's registrator and
     * registration required.
     */
    static JavaSparkContext start(String appName) {
        SparkConf conf = new SparkConf()
                .setAppName(appName)
                .setIfMissing("spark.master", DEFAULT_MASTER)
                .setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .setIfMissing("spark.kryo.registrator", KryoRegistrator.class.getName())
                .setIfMissing("spark.kryo.registrationRequired", "true");
        JavaSparkContext spark = new JavaSparkContext(conf);
        spark.setLogLevel("WARN");
        return spark;
    }

    /** Work that needs a Spark context. */
    @FunctionalInterface
    interface SparkWork {
        void run(JavaSparkContext spark) throws java.io.IOException;
    }

    /**
     * Runs {@code work} on {@code shared} when given (tests share one context per class), else on a context of its
     * own that is stopped afterwards.
     */
    static void withSpark(String appName, JavaSparkContext shared, SparkWork work) throws java.io.IOException {
        if (shared != null) {
            work.run(shared);
            return;
        }
        try (JavaSparkContext spark = start(appName)) {
            work.run(spark);
        }
    }

    /**
     * The first line of every job: which BLAS and precision compute, and on which master; for example
     * {@code BLAS native (dev.ludovic.netlib.blas.JNIBLAS), activations vector API, precision float32, master local[*,4]}
     * (without the native library, float products name this project's vector-API GEMM when it is the one in use).
     */
    static String computeLine(JavaSparkContext spark, dev.backprop.tensor.Precision precision) {
        String floatGemm = precision == dev.backprop.tensor.Precision.FLOAT && Blas.floatGemm().equals("vector-api")
                ? "; float GEMM: this project's vector-API kernel" : "";
        return "BLAS " + blasName() + " (" + Blas.implementation() + floatGemm + "), activations "
                + (dev.backprop.tensor.FloatActivations.vectorized() ? "vector API" : "scalar loops") + ", precision "
                + (precision == dev.backprop.tensor.Precision.FLOAT ? "float32" : "float64") + ", master "
                + spark.master();
    }

    /** The BLAS implementation in use, short: {@code native}, {@code vector} or {@code java}. */
    static String blasName() {
        String impl = Blas.implementation();
        if (impl.contains("JNI") || impl.contains("Native")) {
            return "native";
        }
        return impl.contains("Vector") ? "vector" : "java";
    }

    /**
     * A path as the user meant it: URIs ({@code hdfs://}, {@code s3a://}, {@code file:}) and absolute paths as
     * they are; a relative path from the command line against the working directory, and one from a
     * configuration file or a default against the project home ({@code -Dbackprop.home}, set by the job scripts).
     */
    static String resolve(String path, boolean fromCommandLine) {
        if (path.isEmpty() || path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || Path.of(path).isAbsolute()) {
            return path;
        }
        String base = fromCommandLine ? System.getProperty("user.dir")
                : System.getProperty("backprop.home", System.getProperty("user.dir"));
        return Path.of(base).resolve(path).normalize().toString();
    }
}
