package dev.backprop.cli;

import dev.backprop.model.TrainedModel;

import dev.backprop.spark.ModelStore;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The arguments of the jobs that use a saved model: {@code --model DIR --data PATH [--out PATH] [key=value ...]}.
 * The data keys default to the values the model was trained with (stored in its model.json), so that data in the
 * training format needs no more than the two paths; {@code key=value} overrides them (for example
 * {@code data.header=true}).
 */
final class ModelJobArgs {

    final String model;
    final String data;
    final String out;
    private final List<String> keyValues;

    private ModelJobArgs(String model, String data, String out, List<String> keyValues) {
        this.model = model;
        this.data = data;
        this.out = out;
        this.keyValues = keyValues;
    }

    static ModelJobArgs parse(String[] args, boolean needsOut) {
        String model = null;
        String data = null;
        String out = null;
        List<String> keyValues = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--model", "--data", "--out" -> {
                    if (i + 1 >= args.length) {
                        throw new UsageException(arg + " needs a path");
                    }
                    String value = SparkJobs.resolve(args[++i], true);
                    if (arg.equals("--model")) {
                        model = value;
                    } else if (arg.equals("--data")) {
                        data = value;
                    } else {
                        out = value;
                    }
                }
                default -> {
                    if (arg.startsWith("--")) {
                        throw new UsageException("unknown option " + arg + "; allowed: --model DIR, --data PATH"
                                + (needsOut ? ", --out PATH" : "") + ", key=value");
                    }
                    keyValues.add(arg);
                }
            }
        }
        if (model == null || data == null || (needsOut && out == null)) {
            throw new UsageException("give --model DIR and --data PATH" + (needsOut ? " and --out PATH" : ""));
        }
        if (!needsOut && out != null) {
            throw new UsageException("--out is not an option of this job");
        }
        return new ModelJobArgs(model, data, out, keyValues);
    }

    /** The training keys as the model stored them, overridden by the command line. */
    Settings settings(TrainedModel trained) {
        Settings settings = new Settings(TrainSettings.ALL);
        List<String> stored = new ArrayList<>();
        for (Map.Entry<String, Object> e : trained.training().entrySet()) {
            if (e.getKey().startsWith("data.") || e.getKey().equals(TrainSettings.BLOCK_SIZE)
                    || e.getKey().equals(TrainSettings.TASK)) {
                stored.add(e.getKey() + "=" + e.getValue());
            }
        }
        settings.applyArguments(stored);
        return settings.applyArguments(keyValues);
    }

    /** What a model job reads: the model, and the settings to read data with. */
    record Input(TrainedModel model, Settings settings) {
    }

    /** Loads the model and says what it is. */
    Input open(JavaSparkContext spark, PrintStream out) throws IOException {
        TrainedModel trained = ModelStore.load(model, spark.hadoopConfiguration());
        out.println(SparkJobs.computeLine(spark, trained.precision()));
        out.printf(Locale.ROOT, "model %s: %s, %s%n", model, trained.spec(), trained.precision());
        return new Input(trained, settings(trained));
    }

    /** The body of a model job. */
    @FunctionalInterface
    interface Work {
        void run(JavaSparkContext spark, ModelJobArgs args, PrintStream out) throws IOException;
    }

    /**
     * Parses {@code args}, runs {@code work} on {@code shared} (or on a context of its own when null) and returns
     * the exit code: 0 success, 1 failure, 2 bad usage or configuration, with the error on {@code err}.
     */
    static int run(String appName, String usage, boolean needsOut, String[] args, PrintStream out,
                   PrintStream err, JavaSparkContext shared, Work work) {
        ModelJobArgs parsed;
        try {
            parsed = parse(args, needsOut);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("usage: " + usage);
            return ExitCodes.USAGE;
        }
        try {
            SparkJobs.withSpark(appName, shared, spark -> work.run(spark, parsed, out));
            return ExitCodes.SUCCESS;
        } catch (Exception e) {
            // Not only RuntimeException and IOException: Spark reports a failed task (a malformed line, say) as
            // SparkException, a checked exception that its Scala code throws undeclared.
            err.println("error: " + JobFailures.describe(e));
            return JobFailures.isUsage(e) ? ExitCodes.USAGE : ExitCodes.FAILURE;
        }
    }
}
