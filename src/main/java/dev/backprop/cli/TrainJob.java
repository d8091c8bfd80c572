package dev.backprop.cli;

import dev.backprop.data.Block;
import dev.backprop.data.ClassWeights;
import dev.backprop.data.LabelMap;
import dev.backprop.data.LabeledPoint;
import dev.backprop.data.Preprocessing;
import dev.backprop.data.TargetEncoding;
import dev.backprop.model.ModelDescription;
import dev.backprop.model.TrainedModel;
import dev.backprop.nn.Activation;
import dev.backprop.nn.FlatParameters;
import dev.backprop.nn.MlpSpec;
import dev.backprop.nn.OutputLoss;
import dev.backprop.nn.ParameterLayout;
import dev.backprop.spark.DistributedOptions;
import dev.backprop.spark.DistributedTrainer;
import dev.backprop.spark.EvaluationSums;
import dev.backprop.spark.Evaluator;
import dev.backprop.spark.ExampleLoader;
import dev.backprop.spark.ModelStore;
import dev.backprop.spark.PassResult;
import dev.backprop.metrics.TargetUnscaler;
import dev.backprop.tensor.Precision;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The training job: {@code jobs/train.sh [--conf FILE] [key=value ...]}. Loads and caches the data on the
 * executors, trains with full-batch gradient descent on Spark, prints a line per epoch, saves the model, and ends
 * with one JSON line of results.
 */
public final class TrainJob {

    private final Settings settings;
    private final PrintStream out;

    private TrainJob(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, null));
    }

    /**
     * Runs the job on {@code shared}, or on a context of its own when null; returns the exit code (0 success,
     * 1 failure, 2 bad usage or configuration).
     */
    public static int run(String[] args, PrintStream out, PrintStream err, JavaSparkContext shared) {
        Settings settings;
        try {
            settings = parse(args);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("usage: jobs/train.sh [--master URL] [--conf FILE] [key=value ...]");
            return ExitCodes.USAGE;
        }
        try {
            TrainJob job = new TrainJob(settings, out);
            SparkJobs.withSpark("backprop-spark train", shared, job::train);
            return ExitCodes.SUCCESS;
        } catch (Exception e) {
            // Not only RuntimeException and IOException: Spark reports a failed task (a malformed line, say) as
            // SparkException, a checked exception that its Scala code throws undeclared.
            err.println("error: " + JobFailures.describe(e));
            return JobFailures.isUsage(e) ? ExitCodes.USAGE : ExitCodes.FAILURE;
        }
    }

    /** The settings of {@code --conf FILE} (optional) and {@code key=value} arguments. */
    static Settings parse(String[] args) {
        Settings settings = new Settings(TrainSettings.ALL);
        List<String> keyValues = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--conf")) {
                if (i + 1 >= args.length) {
                    throw new UsageException("--conf needs a file");
                }
                settings.applyFile(Path.of(args[++i]));
            } else {
                keyValues.add(args[i]);
            }
        }
        return settings.applyArguments(keyValues);
    }

    private String path(String key) {
        return SparkJobs.resolve(settings.text(key), settings.fromCommandLine(key));
    }

    /** The cached training and test blocks of a run, with what loading them found. */
    private record Loaded(MlpSpec spec, Preprocessing preprocessing, JavaRDD<Block> train, JavaRDD<Block> test,
                          long examples, long testExamples, double seconds) {
        void unpersist() {
            train.unpersist(false);
            if (test != null) {
                test.unpersist(false);
            }
        }
    }

    private Precision precision() {
        return settings.text(TrainSettings.PRECISION).equals("double") ? Precision.DOUBLE : Precision.FLOAT;
    }

    private static String precisionName(Precision precision) {
        return precision == Precision.FLOAT ? "float32" : "float64";
    }

    private void train(JavaSparkContext spark) throws IOException {
        long jobStart = System.nanoTime();
        String modelPath = path(TrainSettings.MODEL_OUT);
        checkModelOut(modelPath, spark.hadoopConfiguration());
        int partitions = settings.integer(TrainSettings.PARTITIONS) > 0
                ? settings.integer(TrainSettings.PARTITIONS) : spark.defaultParallelism();
        out.println(SparkJobs.computeLine(spark, precision()));
        Loaded data = load(spark, partitions);
        try {
            FlatParameters parameters = FlatParameters.initialize(new ParameterLayout(data.spec()), precision(),
                    settings.integer(TrainSettings.SEED));
            DistributedTrainer trainer = new DistributedTrainer(spark, data.spec(), new DistributedOptions(
                    settings.integer(TrainSettings.EPOCHS), settings.number(TrainSettings.LEARNING_RATE),
                    settings.number(TrainSettings.L2), settings.flag(TrainSettings.L2_BIASES),
                    settings.integer(TrainSettings.AGGREGATION_DEPTH)));
            long trainStart = System.nanoTime();
            EpochTimes epochTimes = runEpochs(trainer, data, parameters);
            double trainSeconds = seconds(trainStart);
            Map<String, Object> results = finalResults(spark, trainer, data, parameters);
            TrainedModel model = new TrainedModel(parameters, modelMetadata(data.examples(), results),
                    data.preprocessing());
            ModelStore.save(model, modelPath, spark.hadoopConfiguration(),
                    settings.flag(TrainSettings.MODEL_OVERWRITE));
            out.println("model saved to " + modelPath);
            JsonLine json = new JsonLine();
            results.forEach((k, v) -> addResult(json, k, v));
            json.add("epochs", settings.integer(TrainSettings.EPOCHS))
                    .add("load_seconds", round(data.seconds()))
                    .add("train_seconds", round(trainSeconds))
                    .add("seconds_per_epoch", round(trainSeconds / settings.integer(TrainSettings.EPOCHS)))
                    .add("median_epoch_seconds", round(epochTimes.medianEpochSeconds()))
                    .add("outside_kernels_share", round(epochTimes.shareOutsideKernels()))
                    .add("cached_bytes", cachedBytes(spark, data.train()))
                    .add("total_seconds", round(seconds(jobStart)))
                    .add("examples", data.examples())
                    .add("test_examples", data.testExamples())
                    // What the data has: unshuffled files smaller in number than train.partitions keep their own.
                    .add("partitions", data.train().getNumPartitions())
                    .add("network", data.spec().toString())
                    .add("precision", precisionName(precision()))
                    .add("blas", SparkJobs.blasName())
                    .add("master", spark.master())
                    .add("model_path", modelPath);
            out.println(json);
        } finally {
            data.unpersist();
        }
    }

    /**
     * Fits the preprocessing (labels, CSV schema, scalers) on the training data, then reads, parses and caches the
     * training and test data; the network's input width and number of classes come from the data.
     */
    private Loaded load(JavaSparkContext spark, int partitions) throws IOException {
        List<JavaRDD<Block>> cached = new ArrayList<>();
        try {
            return load(spark, partitions, cached);
        } catch (Throwable e) {
            // Whatever failed (Spark's own exceptions included), nothing this job cached stays behind in a shared
            // context.
            cached.forEach(rdd -> rdd.unpersist(false));
            throw e;
        }
    }

    private Loaded load(JavaSparkContext spark, int partitions, List<JavaRDD<Block>> cached) throws IOException {
        long start = System.nanoTime();
        String trainPath = path(TrainSettings.DATA_TRAIN);
        boolean shuffle = settings.flag(TrainSettings.SHUFFLE);
        Inputs.Fitted fitted = Inputs.fit(spark, settings, trainPath, out::println);
        JavaRDD<Block> raw = null;
        if (Inputs.labelsFoundWhileCaching(settings)) {
            // Memory only: when the encoded blocks need the room, the raw ones are dropped, not written to disk.
            LabelsWhileCaching found = new LabelsWhileCaching(spark);
            raw = cache(cached, blocks(spark, trainPath, fitted.preprocessing(), fitted.features(),
                    new TargetEncoding.Value(), null, partitions, shuffle, found), StorageLevel.MEMORY_ONLY());
            countExamples(raw);
            LabelMap labels = found.labels(trainPath);
            out.println(Inputs.classesLine(labels.labels()));
            Preprocessing unlabelled = fitted.preprocessing();
            fitted = new Inputs.Fitted(new Preprocessing(labels.labels(), unlabelled.table(), unlabelled.features(),
                    unlabelled.target()), fitted.features(), fitted.classWeights());
        }
        Preprocessing preprocessing = fitted.preprocessing();
        MlpSpec spec = spec(fitted.features(), preprocessing.labels().size(), preprocessing.numLabels());
        out.printf(Locale.ROOT, "network %s, %d parameters%n", spec, new ParameterLayout(spec).size());
        JavaRDD<Block> train = raw == null ? null
                : LabelsWhileCaching.encode(raw, preprocessing.labelMap(), encoding(spec), precision());
        if (train == null && raw != null) {
            out.println("two labels have the same " + precisionName(precision()) + " value: reading " + trainPath
                    + " again with the labels found");
            raw.unpersist(false);
            raw = null;
        }
        train = cache(cached, train != null ? train : blocks(spark, trainPath, preprocessing, fitted.features(),
                encoding(spec), fitted.classWeights(), partitions, shuffle, null), StorageLevel.MEMORY_AND_DISK());
        long examples = countExamples(train.setName(trainPath));
        if (raw != null) {
            raw.unpersist(false);
        }
        String testPath = path(TrainSettings.DATA_TEST);
        JavaRDD<Block> test = testPath.isEmpty() ? null : cache(cached, blocks(spark, testPath, preprocessing,
                fitted.features(), encoding(spec), null, partitions, false, null), StorageLevel.MEMORY_AND_DISK());
        long testExamples = test == null ? 0 : countExamples(test.setName(testPath));
        double seconds = seconds(start);
        out.printf(Locale.ROOT, "loaded %d training and %d test examples in %.1f s, %d partitions%n", examples,
                testExamples, seconds, train.getNumPartitions());
        if (examples == 0) {
            throw new UsageException("the training data " + trainPath + " holds no examples");
        }
        return new Loaded(spec, preprocessing, train, test, examples, testExamples, seconds);
    }

    /** {@code blocks} persisted at {@code level}, and noted in {@code cached} for unpersisting should loading fail. */
    private static JavaRDD<Block> cache(List<JavaRDD<Block>> cached, JavaRDD<Block> blocks, StorageLevel level) {
        cached.add(blocks);
        return blocks.persist(level);
    }

    /**
     * The epoch loop, a line printed per epoch; the test data is evaluated every train.eval_every epochs. Returns the
     * seconds of each epoch's gradient pass and update (the test evaluation not included) and of its kernels.
     */
    private EpochTimes runEpochs(DistributedTrainer trainer, Loaded data, FlatParameters parameters) {
        EpochPrinter printer = new EpochPrinter(out, data.spec().output().isClassification(), data.examples());
        int evalEvery = settings.integer(TrainSettings.EVAL_EVERY);
        EpochTimes times = new EpochTimes();
        trainer.train(data.train(), parameters, (epoch, pass, s) -> {
            times.add(s, pass.kernelSeconds());
            checkFinite(pass.meanLoss(), "in epoch " + epoch);
            boolean evaluate = data.test() != null && evalEvery > 0 && epoch % evalEvery == 0;
            PassResult testPass = evaluate ? trainer.pass(data.test(), parameters, false, epoch) : null;
            printer.print(epoch, pass, testPass, s);
        });
        return times;
    }

    /** Bytes Spark holds for the cached blocks, in memory and on disk (its size estimate). */
    private static long cachedBytes(JavaSparkContext spark, JavaRDD<Block> blocks) {
        long bytes = 0;
        for (org.apache.spark.storage.RDDInfo info : spark.sc().getRDDStorageInfo()) {
            if (info.id() == blocks.id()) {
                bytes += info.memSize() + info.diskSize();
            }
        }
        return bytes;
    }

    /** A number, or an object of numbers (per-target metrics), of the final results. */
    @SuppressWarnings("unchecked")
    private static void addResult(JsonLine json, String key, Object value) {
        if (value instanceof Map<?, ?> object) {
            json.add(key, (Map<String, Double>) object);
        } else {
            json.add(key, ((Number) value).doubleValue());
        }
    }

    /**
     * Loss and accuracy (or RMSE, MAE, R^2, and with several targets each target's) of the final weights on the
     * training and test data: numbers, and for several targets objects from target name to number.
     */
    private Map<String, Object> finalResults(JavaSparkContext spark, DistributedTrainer trainer, Loaded data,
                                             FlatParameters parameters) {
        spark.setJobDescription("final evaluation");
        TargetUnscaler unscaler = Evaluator.unscaler(data.preprocessing());
        EvaluationSums train = Evaluator.evaluate(spark, parameters, data.train(), unscaler);
        checkFinite(train.meanLoss(), "after the last epoch");
        Map<String, Object> results = new LinkedHashMap<>();
        Map<String, Double> trainMetrics = train.metrics();
        for (String key : List.of("accuracy", "rmse", "mae", "r2")) {
            if (trainMetrics.containsKey(key)) {
                results.put("train_" + key, trainMetrics.get(key));
            }
        }
        TargetMetrics.of(train, data.preprocessing()::targetName).forEach((key, value) -> results.put("train_" + key,
                value));
        results.put("final_loss", train.meanLoss());
        if (data.test() != null) {
            EvaluationSums test = Evaluator.evaluate(spark, parameters, data.test(), unscaler);
            out.println("test data:");
            EvaluateJob.printReport(test, EvaluateJob.names(test, data.preprocessing()), out);
            results.put("test_loss", test.meanLoss());
            test.metrics().forEach((key, value) -> results.put("test_" + key, value));
            TargetMetrics.of(test, data.preprocessing()::targetName).forEach((key, value) -> results.put("test_"
                    + key, value));
        }
        return results;
    }

    /**
     * Refuses, before any work, a model path that saving would refuse after training: an existing path when
     * model.overwrite is false, or anything there that is not a model directory. (Saving checks again.)
     */
    private void checkModelOut(String modelPath, Configuration conf) throws IOException {
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(modelPath);
        FileSystem fs = target.getFileSystem(conf);
        if (!fs.exists(target)) {
            return;
        }
        if (!settings.flag(TrainSettings.MODEL_OVERWRITE)) {
            throw new UsageException(TrainSettings.MODEL_OUT + "=" + modelPath + " exists and "
                    + TrainSettings.MODEL_OVERWRITE + " is false; give another path, or "
                    + TrainSettings.MODEL_OVERWRITE + "=true to replace the model there");
        }
        String description = ModelDescription.DESCRIPTION_FILE;
        if (!fs.getFileStatus(target).isDirectory() || !fs.exists(new org.apache.hadoop.fs.Path(target, description))) {
            throw new UsageException(TrainSettings.MODEL_OUT + "=" + modelPath + " exists and is not a model"
                    + " directory (no " + description + "), which is never replaced; give another path");
        }
    }

    /** Stops a run whose loss is no longer a number: nothing useful can come of the remaining epochs. */
    private void checkFinite(double meanLoss, String when) {
        if (!Double.isFinite(meanLoss)) {
            throw new IllegalStateException("training diverged: the mean loss is " + meanLoss + " " + when
                    + "; try a smaller " + TrainSettings.LEARNING_RATE + " (now "
                    + settings.asText().get(TrainSettings.LEARNING_RATE) + ")");
        }
    }

    /**
     * The network: the output follows the task unless net.output names one; the classes come from the data, and a
     * regression has one output per target column.
     */
    private MlpSpec spec(int features, int classes, int targets) {
        boolean classification = Inputs.classification(settings);
        String name = settings.text(TrainSettings.NET_OUTPUT);
        OutputLoss output = name.equals("auto")
                ? classification ? OutputLoss.SOFTMAX_CROSS_ENTROPY : OutputLoss.IDENTITY_SQUARED_ERROR
                : OutputLoss.parse(name);
        if (output.isClassification() != classification) {
            throw new UsageException(TrainSettings.NET_OUTPUT + "=" + name + " does not fit "
                    + TrainSettings.TASK + "=" + settings.text(TrainSettings.TASK) + "; for it use " + (classification
                    ? "softmax_cross_entropy or sigmoid_binary_cross_entropy"
                    : "identity_squared_error or sigmoid_squared_error") + " (or auto)");
        }
        int declared = settings.integer(TrainSettings.DATA_CLASSES);
        if (classification && declared > 0 && declared != classes) {
            throw new UsageException(TrainSettings.DATA_CLASSES + "=" + declared + " but the training data has "
                    + classes + " classes; give data.labels to fix the classes, or data.classes=0 to take them"
                    + " from the data");
        }
        int outputs = switch (output) {
            case SOFTMAX_CROSS_ENTROPY -> {
                if (classes < 2) {
                    throw new UsageException("the training data has " + classes + " class(es); "
                            + TrainSettings.NET_OUTPUT + "=" + output.configName() + " needs 2 or more");
                }
                yield classes;
            }
            case SIGMOID_BINARY_CROSS_ENTROPY -> {
                if (classes != 2) {
                    throw new UsageException("the training data has " + classes + " classes; "
                            + TrainSettings.NET_OUTPUT + "=" + output.configName() + " needs exactly 2");
                }
                yield 1;
            }
            case IDENTITY_SQUARED_ERROR, SIGMOID_SQUARED_ERROR -> targets;
        };
        return MlpSpec.of(features, settings.sizes(TrainSettings.NET_HIDDEN), outputs,
                Activation.parse(settings.text(TrainSettings.NET_ACTIVATION)), output);
    }

    static TargetEncoding encoding(MlpSpec spec) {
        return switch (spec.output()) {
            case SOFTMAX_CROSS_ENTROPY -> new TargetEncoding.OneHot(spec.outputs());
            case SIGMOID_BINARY_CROSS_ENTROPY -> new TargetEncoding.Binary();
            case IDENTITY_SQUARED_ERROR, SIGMOID_SQUARED_ERROR -> new TargetEncoding.Value(spec.outputs());
        };
    }

    /**
     * The examples of {@code path}, preprocessed, spread over the partitions and stacked into blocks whose targets
     * {@code encoding} writes (not yet persisted); {@code labels}, when not null, records the distinct labels as the
     * file is read.
     */
    private JavaRDD<Block> blocks(JavaSparkContext spark, String path, Preprocessing preprocessing, int features,
                                  TargetEncoding encoding, ClassWeights classWeights, int partitions, boolean shuffle,
                                  LabelsWhileCaching labels) throws IOException {
        JavaRDD<LabeledPoint> points = Inputs.read(spark, settings, path, preprocessing, features, true);
        if (labels != null) {
            points = labels.recording(points);
        }
        spark.setJobDescription("load " + path);
        points = shuffle ? ExampleLoader.shuffle(points, partitions, settings.integer(TrainSettings.SEED))
                : points.getNumPartitions() > partitions ? points.coalesce(partitions) : points;
        return ExampleLoader.toBlocks(points, features, encoding, precision(),
                settings.integer(TrainSettings.BLOCK_SIZE), classWeights).setName(path);
    }

    private static long countExamples(JavaRDD<Block> blocks) {
        return blocks.map(Block::size).fold(0, Integer::sum);
    }

    /**
     * The training metadata stored with the model: the settings, the task, the number of examples and the results,
     * flat (a per-target object {@code test_rmse_by_target} becomes {@code test_rmse_by_target.<target>} keys).
     */
    private Map<String, Object> modelMetadata(long examples, Map<String, Object> results) {
        Map<String, Object> metadata = new LinkedHashMap<>(settings.asText());
        metadata.put(TrainSettings.TASK, Inputs.classification(settings) ? "classification" : "regression");
        metadata.put("examples", examples);
        results.forEach((key, value) -> {
            if (value instanceof Map<?, ?> object) {
                object.forEach((name, number) -> metadata.put(key + "." + name, number));
            } else {
                metadata.put(key, value);
            }
        });
        return metadata;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
