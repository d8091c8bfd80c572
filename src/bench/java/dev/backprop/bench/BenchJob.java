package dev.backprop.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.tensor.Blas;
import dev.backprop.tensor.Precision;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code jobs/bench.sh}: this trainer and Spark MLlib's MultilayerPerceptronClassifier in one run, on the same data,
 * partitions, master and driver. Measures the machine's GEMM rate for the benchmarked shapes first, then each row,
 * prints a table, and ends with one JSON line whose top-level figures are those of the like-for-like 784-128-10 row
 * on the synthetic set.
 *
 * <p>Arguments ({@code key=value}): {@code examples} (60000), {@code features} (784), {@code classes} (10),
 * {@code warmup} (passes run first and not measured, 10), {@code passes} (measured passes, 20), {@code precision} (float|double, float), {@code rows}
 * (comma-separated row names or {@code all}), {@code mllib} (true|false), {@code work} (folder for the generated data
 * and models, target/bench), {@code block} (our block size; train.block_size of the configuration),
 * {@code mnist} (the shipped subset's training file), {@code conf} (the training
 * configuration, conf/train.properties); or, instead of the rows, one row of {@code hidden} (sizes, e.g.
 * {@code 512} or {@code 1024,1024}), {@code activation} (relu), {@code data} (synthetic|mnist).
 */
public final class BenchJob {

    /** A benchmark row: a network on a data set, run by our trainer and, where worth it, by MLlib. */
    record Row(String name, String data, String hidden, String activation, boolean withMllib) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("like-for-like", "synthetic", "128", "sigmoid", true),
            new Row("default-relu", "synthetic", "128", "relu", false),
            new Row("wide", "synthetic", "1024,1024", "relu", false),
            new Row("mnist-like-for-like", "mnist", "128", "sigmoid", true));

    private final Map<String, String> args;
    private final ObjectMapper mapper = new ObjectMapper();

    private BenchJob(Map<String, String> args) {
        this.args = args;
    }

    /** The keys the benchmark takes. */
    static final List<String> KEYS = List.of("examples", "features", "classes", "passes", "warmup", "precision", "rows",
            "mllib",
            "work", "mnist", "conf", "block", "hidden", "activation", "data");

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (String arg : argv) {
            int eq = arg.indexOf('=');
            if (eq <= 0 || !KEYS.contains(arg.substring(0, eq))) {
                System.err.println("error: " + arg + ": arguments are key=value with a key among " + KEYS
                        + " (see jobs/bench.sh)");
                System.exit(2);
            }
            args.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        List<String> rows = Arrays.asList(args.getOrDefault("rows", "all").split(","));
        for (String row : rows) {
            if (!row.equals("all") && ROWS.stream().noneMatch(r -> r.name().equals(row))) {
                System.err.println("error: rows=" + args.get("rows") + ": " + row + " is not a row; the rows are all, "
                        + String.join(", ", ROWS.stream().map(Row::name).toList()));
                System.exit(2);
            }
        }
        new BenchJob(args).run();
    }

    private String arg(String key, String fallback) {
        return args.getOrDefault(key, fallback);
    }

    private void run() throws Exception {
        SparkConf conf = new SparkConf().setAppName("backprop-spark bench").setIfMissing("spark.master", "local[*,4]");
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            spark.setLogLevel("WARN");
            bench(spark);
        }
    }

    private void bench(JavaSparkContext spark) throws Exception {
        long examples = Long.parseLong(arg("examples", "60000"));
        int features = Integer.parseInt(arg("features", "784"));
        int classes = Integer.parseInt(arg("classes", "10"));
        int passes = Integer.parseInt(arg("passes", "20"));
        int warmup = Integer.parseInt(arg("warmup", "10"));
        if (passes < 1 || warmup < 1) {
            throw new IllegalArgumentException("passes and warmup must be at least 1, got passes=" + passes
                    + " warmup=" + warmup);
        }
        String precisionName = arg("precision", "float");
        Precision precision = precisionName.equals("double") ? Precision.DOUBLE : Precision.FLOAT;
        boolean mllib = Boolean.parseBoolean(arg("mllib", "true"));
        Path work = Path.of(arg("work", "target/bench")).toAbsolutePath();
        Path trainConf = Path.of(arg("conf", "conf/train.properties")).toAbsolutePath();
        String mnist = Path.of(arg("mnist", "src/data/mnist-10k/train.libsvm.gz")).toAbsolutePath().toString();
        List<String> rowNames = Arrays.asList(arg("rows", "all").split(","));
        List<Row> rowsToRun = new ArrayList<>();
        if (args.containsKey("hidden")) {
            // One row of the caller's own: hidden=512 [activation=relu] [data=synthetic|mnist] [mllib=false].
            rowsToRun.add(new Row("custom", arg("data", "synthetic"), arg("hidden", "128"),
                    arg("activation", "relu"), mllib));
        } else {
            for (Row row : ROWS) {
                if (rowNames.contains("all") || rowNames.contains(row.name())) {
                    rowsToRun.add(row);
                }
            }
        }
        int cores = spark.sc().defaultParallelism();
        int block = Integer.parseInt(arg("block", blockSizeOf(trainConf)));
        String blas = Blas.implementation();

        System.out.printf(Locale.ROOT, "BLAS %s (float GEMM: %s), precision %s (MLlib: float64), master %s, %d cores%n",
                blas, Blas.floatGemm(), precisionName, spark.master(), cores);
        System.out.println("FLOP formula (both trainers): " + FlopCount.FORMULA);
        Path synthetic = SyntheticDataset.ensure(spark, work.resolve("data"), examples, features, classes, cores);
        System.out.println("synthetic data: " + synthetic);
        double emptyJob = warmUpScheduler(spark, cores);

        ArrayNode rows = mapper.createArrayNode();
        ObjectNode top = mapper.createObjectNode();
        Map<String, double[]> gemmCache = new LinkedHashMap<>();
        for (Row row : rowsToRun) {
            String data = row.data().equals("mnist") ? mnist : synthetic.toString();
            System.out.printf(Locale.ROOT, "%n== %s: %s-%s-%d %s on %s%n", row.name(), features,
                    row.hidden().replace(',', '-'), classes, row.activation(), row.data());
            OurRunner.Result ours = OurRunner.run(spark, trainConf, data, features, row.hidden(),
                    row.activation(), warmup, passes, precisionName, block, work.resolve("model-" + row.name()));
            int[] sizes = sizes(ours.network());
            MllibRunner.Result theirs = row.withMllib() && mllib
                    ? MllibRunner.run(spark, data, sizes, warmup, passes, 42) : null;
            double[] gemm = gemmCache.computeIfAbsent(Arrays.toString(sizes) + precision,
                    k -> measureGemm(sizes, block, precision, cores));
            ObjectNode json = rowJson(row, sizes, ours, theirs, gemm);
            rows.add(json);
            print(json);
            if (row.name().equals("like-for-like")) {
                for (String key : List.of("pass_seconds", "mllib_pass_seconds", "speedup_vs_mllib", "gflops",
                        "gemm_gflops", "gemm_efficiency", "load_seconds", "mllib_load_seconds", "cached_bytes")) {
                    if (json.has(key)) {
                        top.set(key, json.get(key));
                    }
                }
            }
        }
        top.put("empty_job_seconds", round(emptyJob));
        top.put("blas", blas.contains("JNI") ? "native" : blas.contains("Vector") ? "vector" : "java");
        top.put("blas_implementation", blas);
        top.put("float_gemm", Blas.floatGemm());
        top.put("precision", precisionName);
        top.put("master", spark.master());
        top.put("cores", cores);
        top.put("flop_formula", FlopCount.FORMULA);
        top.set("rows", rows);
        System.out.println(mapper.writeValueAsString(top));
    }

    /**
     * Runs empty jobs until Spark's scheduling code is compiled, so that the first row's trainer does not run on a cold
     * scheduler while the next one runs on a warm one (a Spark job's code runs once per pass: a few passes leave it
     * interpreted). Returns the median seconds of the last 50, the fixed cost of a job on this machine.
     */
    private static double warmUpScheduler(JavaSparkContext spark, int partitions) {
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            values.add(i);
        }
        List<Double> last = new ArrayList<>();
        long start = System.nanoTime();
        for (int job = 0; job < 300; job++) {
            long t0 = System.nanoTime();
            spark.parallelize(values, partitions).map(x -> x + 1).count();
            if (job >= 250) {
                last.add((System.nanoTime() - t0) / 1e9);
            }
        }
        double median = MllibRunner.median(last);
        System.out.printf(Locale.ROOT, "Spark warm-up: 300 empty jobs in %.1f s; an empty job takes %.1f ms (median of the"
                + " last 50)%n", (System.nanoTime() - start) / 1e9, median * 1000);
        return median;
    }

    private double[] measureGemm(int[] sizes, int block, Precision precision, int cores) {
        try {
            double one = GemmRate.gflops(sizes, block, precision, 1);
            double all = GemmRate.gflops(sizes, block, precision, cores);
            System.out.printf(Locale.ROOT, "GEMM rate for the calls of a %d-example block of %s (%s): "
                    + "%.1f GFLOP/s on 1 thread, %.1f on %d%n", block, join(sizes), precision, one, all, cores);
            return new double[] {one, all};
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode rowJson(Row row, int[] sizes, OurRunner.Result ours, MllibRunner.Result theirs, double[] gemm) {
        ObjectNode json = mapper.createObjectNode();
        double flop = FlopCount.perPass(sizes, ours.examples());
        json.put("row", row.name());
        json.put("data", row.data());
        json.put("network", join(sizes) + " " + row.activation());
        json.put("examples", ours.examples());
        json.put("partitions", ours.partitions());
        json.put("gflop_per_pass", round(flop / 1e9));
        json.put("pass_seconds", round(ours.passSeconds()));
        json.put("gflops", round(flop / ours.passSeconds() / 1e9));
        json.put("gemm_gflops_1thread", round(gemm[0]));
        json.put("gemm_gflops", round(gemm[1]));
        json.put("gemm_efficiency", round(flop / ours.passSeconds() / 1e9 / gemm[1]));
        json.put("outside_kernels_share", ours.json().get("outside_kernels_share").asDouble());
        json.put("load_seconds", round(ours.loadSeconds()));
        json.put("cached_bytes", ours.cachedBytes());
        long raw = ours.examples() * (long) sizes[0] * Float.BYTES;
        json.put("raw_float32_bytes", raw);
        json.put("cached_over_raw_float32", round((double) ours.cachedBytes() / raw));
        if (theirs != null) {
            json.put("mllib_pass_seconds", round(theirs.passSeconds()));
            json.put("mllib_gflops", round(flop / theirs.passSeconds() / 1e9));
            json.put("mllib_load_seconds", round(theirs.loadSeconds()));
            json.put("mllib_cached_bytes", theirs.cachedBytes());
            json.put("mllib_partitions", theirs.partitions());
            json.put("mllib_examples", theirs.examples());
            json.put("speedup_vs_mllib", round(theirs.passSeconds() / ours.passSeconds()));
            json.put("load_ratio_vs_mllib", round(ours.loadSeconds() / theirs.loadSeconds()));
        }
        return json;
    }

    private static void print(ObjectNode row) {
        System.out.printf(Locale.ROOT, "ours : load %.2f s, pass %.3f s, %.1f GFLOP/s = %.0f%% of GEMM %.1f, "
                        + "cached %.1f MB (%.2fx raw float32), %.0f%% of a pass outside the kernels%n",
                row.get("load_seconds").asDouble(), row.get("pass_seconds").asDouble(), row.get("gflops").asDouble(),
                100 * row.get("gemm_efficiency").asDouble(), row.get("gemm_gflops").asDouble(),
                row.get("cached_bytes").asLong() / 1e6, row.get("cached_over_raw_float32").asDouble(),
                100 * row.get("outside_kernels_share").asDouble());
        if (row.has("mllib_pass_seconds")) {
            System.out.printf(Locale.ROOT, "MLlib: load %.2f s, pass %.3f s, %.1f GFLOP/s, cached %.1f MB%n",
                    row.get("mllib_load_seconds").asDouble(), row.get("mllib_pass_seconds").asDouble(),
                    row.get("mllib_gflops").asDouble(), row.get("mllib_cached_bytes").asLong() / 1e6);
            System.out.printf(Locale.ROOT, "ratio: pass %.2fx faster, load %.2f of MLlib's%n",
                    row.get("speedup_vs_mllib").asDouble(), row.get("load_ratio_vs_mllib").asDouble());
        }
    }

    /** The layer sizes of a network as the training job prints it ({@code 784-128-10 sigmoid softmax}). */
    private static int[] sizes(String network) {
        return Arrays.stream(network.split(" ")[0].split("-")).mapToInt(Integer::parseInt).toArray();
    }

    /** train.block_size of the training configuration (what the trainer uses unless {@code block} is given). */
    private static String blockSizeOf(Path trainConf) throws java.io.IOException {
        java.util.Properties properties = new java.util.Properties();
        try (var reader = java.nio.file.Files.newBufferedReader(trainConf)) {
            properties.load(reader);
        }
        return properties.getProperty("train.block_size", "256").trim();
    }

    private static String join(int[] sizes) {
        return String.join("-", Arrays.stream(sizes).mapToObj(Integer::toString).toList());
    }

    private static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }
}
