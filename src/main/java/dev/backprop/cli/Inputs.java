package dev.backprop.cli;

import dev.backprop.data.ClassWeights;
import dev.backprop.data.ColumnStatistics;
import dev.backprop.data.CsvColumn;
import dev.backprop.data.CsvOptions;
import dev.backprop.data.CsvParser;
import dev.backprop.data.CsvProfile;
import dev.backprop.data.ExampleStatistics;
import dev.backprop.data.FeatureScaler;
import dev.backprop.data.LabelMap;
import dev.backprop.data.LabeledPoint;
import dev.backprop.data.LibsvmParser;
import dev.backprop.data.MissingValues;
import dev.backprop.data.Preprocessing;
import dev.backprop.data.ScalingMethod;
import dev.backprop.data.TableSchema;
import dev.backprop.data.TargetEncoding;
import dev.backprop.data.UnseenCategories;
import dev.backprop.nn.OutputLoss;
import dev.backprop.spark.ExampleLoader;
import dev.backprop.spark.FirstLine;
import dev.backprop.spark.ScalerFit;
import dev.backprop.spark.TableProfile;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * How the data keys turn files into examples for the network: parsing (LIBSVM or CSV), labels mapped to classes,
 * the CSV schema (categorical columns, missing values), and feature and target scaling. {@link #fit} learns all of
 * it from the training data, in a few distributed passes; {@link #read} applies it to any data, so that training,
 * test, evaluation and prediction data all go through the same steps.
 */
final class Inputs {

    /** What fitting on the training data found. */
    record Fitted(Preprocessing preprocessing, int features, ClassWeights classWeights) {
    }

    private Inputs() {
    }

    /** The task: as given, or, when only net.output says it, the task of that output. */
    static boolean classification(Settings settings) {
        String output = settings.text(TrainSettings.NET_OUTPUT);
        if (settings.isDefault(TrainSettings.TASK) && !output.equals("auto")) {
            return OutputLoss.parse(output).isClassification();
        }
        return settings.text(TrainSettings.TASK).equals("classification");
    }

    private static boolean csv(Settings settings) {
        return settings.text(TrainSettings.DATA_FORMAT).equals("csv");
    }

    /**
     * Whether the classes of the training data are found during the read that caches it ({@link LabelsWhileCaching})
     * rather than by a pass of their own first: LIBSVM classification data without data.labels, of a given width
     * (data.features), with nothing else that reads the data before caching it (no data.scale, no
     * train.class_weights).
     */
    static boolean labelsFoundWhileCaching(Settings settings) {
        return classification(settings) && !csv(settings)
                && list(settings.text(TrainSettings.DATA_LABELS)).isEmpty()
                && settings.integer(TrainSettings.DATA_FEATURES) > 0
                && ScalingMethod.parse(settings.text(TrainSettings.DATA_SCALE)) == ScalingMethod.NONE
                && settings.text(TrainSettings.CLASS_WEIGHTS).equals("none");
    }

    /**
     * Learns labels, schema and scalers from the training data at {@code path}; leaves the labels empty when they
     * are found while caching ({@link #labelsFoundWhileCaching}).
     */
    static Fitted fit(JavaSparkContext spark, Settings settings, String path, PrintLines out) throws IOException {
        boolean classification = classification(settings);
        List<String> labels = List.of();
        TableSchema.State table = null;
        int features;
        if (csv(settings)) {
            CsvParser csv = csvParser(spark, settings, path);
            spark.setJobDescription("profile " + path);
            CsvProfile profile = TableProfile.fit(spark, path, csv, classification);
            TableSchema schema = TableSchema.fit(csv, profile, classification);
            table = schema.state();
            labels = classification ? schema.labelMap().labels() : List.of();
            features = schema.numFeatures();
            out.line("features (" + features + "): " + abbreviate(schema.featureNames()));
            if (schema.labelColumns().size() > 1) {
                out.line("targets (" + schema.labelColumns().size() + "): " + abbreviate(schema.labelColumns()));
            }
        } else {
            if (!settings.text(TrainSettings.DATA_WEIGHT).isBlank()) {
                throw new UsageException(TrainSettings.DATA_WEIGHT + " needs data.format=csv: LIBSVM rows have no"
                        + " weight column");
            }
            if (list(settings.text(TrainSettings.DATA_LABEL)).size() > 1) {
                throw new UsageException(TrainSettings.DATA_LABEL + "=" + settings.text(TrainSettings.DATA_LABEL)
                        + " names several target columns, which needs data.format=csv: a LIBSVM row has one label");
            }
            features = settings.integer(TrainSettings.DATA_FEATURES);
            List<String> given = list(settings.text(TrainSettings.DATA_LABELS));
            boolean whileCaching = labelsFoundWhileCaching(settings);
            boolean findLabels = classification && given.isEmpty() && !whileCaching;
            LibsvmSurvey survey = findLabels || features == 0 ? surveyLibsvm(spark, path, findLabels) : null;
            if (classification && !whileCaching) {
                labels = findLabels ? survey.labels() : LabelMap.of(given).labels();
            }
            if (features == 0) {
                features = survey.width();
                if (features == 0) {
                    throw new UsageException("cannot infer the number of features of " + path
                            + ": no example has a feature; set data.features");
                }
            }
        }
        if (classification && !labels.isEmpty()) {
            out.line(classesLine(labels));
        }
        Preprocessing unscaled = new Preprocessing(labels, table, null, null);
        Preprocessing preprocessing = scalers(spark, settings, path, unscaled, features, out);
        ClassWeights weights = classWeights(spark, settings, path, preprocessing, features, labels.size());
        return new Fitted(preprocessing, features, weights);
    }

    /**
     * The examples of {@code path} as the network sees them: labels mapped to class indices (classification) or
     * scaled targets (regression), features expanded and scaled. With {@code withLabels} false the label column is
     * not read (prediction) and every label is 0.
     */
    static JavaRDD<LabeledPoint> read(JavaSparkContext spark, Settings settings, String path,
                                      Preprocessing preprocessing, int features, boolean withLabels)
            throws IOException {
        spark.setJobDescription("read " + path);
        int classes = preprocessing.labels().size();
        TargetEncoding check = !withLabels ? new TargetEncoding.Value()
                : classes > 0 ? new TargetEncoding.OneHot(Math.max(2, classes))
                : new TargetEncoding.Value(preprocessing.numLabels());
        JavaRDD<LabeledPoint> points = ExampleLoader.read(spark, path,
                parser(spark, settings, path, preprocessing, features, withLabels), check);
        FeatureScaler featureScaler = preprocessing.features() == null ? FeatureScaler.identity(features)
                : preprocessing.features();
        FeatureScaler targetScaler = preprocessing.target() == null || !withLabels ? FeatureScaler.identity(1)
                : preprocessing.target();
        return ScalerFit.scale(points, featureScaler, targetScaler);
    }

    private static ExampleLoader.LineParser parser(JavaSparkContext spark, Settings settings, String path,
                                                   Preprocessing preprocessing, int features, boolean withLabels)
            throws IOException {
        LabelMap labels = withLabels ? preprocessing.labelMap() : null;
        TableSchema schema = preprocessing.schema();
        if (csv(settings) && schema != null) {
            TableSchema.Parser parser;
            try {
                parser = schema.parser(csvParser(spark, settings, path));
            } catch (IllegalArgumentException e) {
                throw new UsageException(path + ": " + e.getMessage());
            }
            if (parser.numFeatures() != features) {
                throw new UsageException(path + " gives " + parser.numFeatures() + " features; the network takes "
                        + features);
            }
            TableSchema.Parser chosen = withLabels ? parser : parser.ignoringLabels();
            return chosen::parse;
        }
        if (schema != null) {
            throw new UsageException("the model was trained on CSV data (columns " + schema.columns()
                    + "); read " + path + " with data.format=csv");
        }
        // Numeric columns or LIBSVM features as they are, labels through the label map.
        ExampleLoader.LineParser numeric;
        if (csv(settings)) {
            CsvParser csv = csvParser(spark, settings, path);
            if (csv.numFeatures() != features) {
                throw new UsageException(path + " has " + csv.numFeatures() + " feature columns; the network takes "
                        + features);
            }
            numeric = (line, file, n) -> csv.isHeader(line) ? null : csv.parse(line, file, n);
        } else {
            numeric = (line, file, n) -> LibsvmParser.parse(line, file, n, features);
        }
        return (line, file, n) -> {
            LabeledPoint p = numeric.parse(line, file, n);
            if (p == null) {
                return null;
            }
            if (!withLabels) {
                return p.withLabel(0);
            }
            return labels == null ? p : p.withLabel(labels.classOf(labelText(p.label()), file, n));
        };
    }

    /** The CSV line parser the data keys describe, from the first line (the header) of {@code path}. */
    static CsvParser csvParser(JavaSparkContext spark, Settings settings, String path) throws IOException {
        CsvOptions options = CsvOptions.builder()
                .header(settings.flag(TrainSettings.DATA_HEADER))
                .delimiter(delimiter(settings.text(TrainSettings.DATA_DELIMITER)))
                .labels(labelColumns(settings))
                .ignored(columns(settings.text(TrainSettings.DATA_IGNORE)))
                .categoricalColumns(columns(settings.text(TrainSettings.DATA_CATEGORICAL)))
                .missing(MissingValues.parse(settings.text(TrainSettings.DATA_MISSING)))
                .missingTexts(list(settings.text(TrainSettings.DATA_MISSING_VALUES)))
                .unseenCategories(UnseenCategories.parse(settings.text(TrainSettings.DATA_UNSEEN)))
                .labelOrder(list(settings.text(TrainSettings.DATA_LABELS)))
                .weight(weightColumn(settings))
                .build();
        FirstLine.Result first = FirstLine.of(path, spark.hadoopConfiguration());
        try {
            return CsvParser.create(options, first.line(), first.file());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * data.label: the label column, or the target columns of a regression (comma-separated, by name or index); a
     * classification has one.
     */
    private static List<CsvColumn> labelColumns(Settings settings) {
        String text = settings.text(TrainSettings.DATA_LABEL);
        List<CsvColumn> columns;
        try {
            columns = columns(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(TrainSettings.DATA_LABEL + "=" + text + ": " + e.getMessage());
        }
        if (columns.isEmpty()) {
            throw new UsageException(TrainSettings.DATA_LABEL + " is empty: give the label column of the CSV table by"
                    + " name or 0-based index (-1 for the last), or several target columns for a regression");
        }
        if (columns.size() > 1 && classification(settings)) {
            throw new UsageException(TrainSettings.DATA_LABEL + "=" + text + " names " + columns.size()
                    + " columns, but " + TrainSettings.TASK + "=classification has one label column; several"
                    + " target columns are for " + TrainSettings.TASK + "=regression");
        }
        if (columns.size() > 1 && !settings.text(TrainSettings.DATA_LABELS).isBlank()) {
            throw new UsageException(TrainSettings.DATA_LABELS + "=" + settings.text(TrainSettings.DATA_LABELS)
                    + " gives classes, but " + TrainSettings.DATA_LABEL + "=" + text + " names several target"
                    + " columns of a regression, which has none; leave " + TrainSettings.DATA_LABELS + " empty");
        }
        return columns;
    }

    /** What one pass over LIBSVM data found: its distinct labels (when asked) and its width. */
    private record LibsvmSurvey(List<String> labels, int width) {
    }

    /**
     * One pass over LIBSVM data for what its configuration leaves open: the distinct labels, in ascending order (when
     * {@code findLabels}), and the width, the largest feature index present. Each partition reports its width and
     * its labels as one line of text.
     */
    private static LibsvmSurvey surveyLibsvm(JavaSparkContext spark, String path, boolean findLabels)
            throws IOException {
        spark.setJobDescription("find the " + (findLabels ? "labels and " : "") + "number of features of " + path);
        List<String> perPartition = ExampleLoader.read(spark, path,
                        (line, file, n) -> LibsvmParser.parse(line, file, n, 0), new TargetEncoding.Value())
                .mapPartitions(it -> {
                    TreeSet<String> seen = new TreeSet<>();
                    int width = 0;
                    while (it.hasNext()) {
                        LabeledPoint p = it.next();
                        width = Math.max(width, p.maxIndex() + 1);
                        if (findLabels && seen.size() <= 10_000) {
                            seen.add(labelText(p.label()));
                        }
                    }
                    return List.of(width + (seen.isEmpty() ? "" : "\n" + String.join("\n", seen))).iterator();
                }).collect();
        TreeSet<String> all = new TreeSet<>();
        int width = 0;
        for (String partition : perPartition) {
            String[] lines = partition.split("\n");
            width = Math.max(width, Integer.parseInt(lines[0]));
            all.addAll(Arrays.asList(lines).subList(1, lines.length));
        }
        if (all.size() > 10_000) {
            throw new UsageException(path + " has more than 10,000 distinct labels; is task=regression meant?");
        }
        return new LibsvmSurvey(findLabels ? LabelMap.fit(all).labels() : List.of(), width);
    }

    /** A LIBSVM label as text: integral values without a fraction, so that "1" and "1.0" read alike. */
    static String labelText(double label) {
        return label == Math.rint(label) && Math.abs(label) < 1e15 ? Long.toString((long) label)
                : Double.toString(label);
    }

    /** Fits the feature scaler (data.scale) and, for regression, the target scaler (data.scale_target). */
    private static Preprocessing scalers(JavaSparkContext spark, Settings settings, String path,
                                         Preprocessing unscaled, int features, PrintLines out) throws IOException {
        ScalingMethod method = ScalingMethod.parse(settings.text(TrainSettings.DATA_SCALE));
        boolean scaleTarget = !classification(settings) && settings.flag(TrainSettings.DATA_SCALE_TARGET);
        if (method == ScalingMethod.NONE && !scaleTarget) {
            return unscaled;
        }
        JavaRDD<LabeledPoint> points = read(spark, settings, path, unscaled, features, true);
        spark.setJobDescription("feature statistics of " + path);
        ExampleStatistics statistics = ScalerFit.statistics(points, features, unscaled.numLabels());
        if (statistics.features().columns() != features) {
            throw new UsageException(path + " has feature indices up to " + statistics.features().columns()
                    + ", above data.features=" + features);
        }
        // Centering keeps CSV rows dense anyway; sparse LIBSVM rows are only divided by their spread.
        FeatureScaler featureScaler = method == ScalingMethod.NONE ? null
                : FeatureScaler.fit(statistics.features(), method, csv(settings));
        FeatureScaler targetScaler = scaleTarget
                ? FeatureScaler.fit(statistics.targets(), ScalingMethod.STANDARD, true) : null;
        out.line("scaling: features " + method.configName() + (scaleTarget ? ", " + describeTargetScaling(
                statistics.targets(), unscaled) : ""));
        return new Preprocessing(unscaled.labels(), unscaled.table(), featureScaler, targetScaler);
    }

    /** "target standardized (mean m, sd s)", or per target "targets standardized (y1: mean m, sd s; ...)". */
    private static String describeTargetScaling(ColumnStatistics targets, Preprocessing preprocessing) {
        if (targets.columns() == 1) {
            return "target standardized (mean " + targets.mean(0) + ", sd " + targets.std(0) + ")";
        }
        List<String> each = new ArrayList<>();
        for (int o = 0; o < targets.columns(); o++) {
            each.add(preprocessing.targetName(o) + ": mean " + targets.mean(o) + ", sd " + targets.std(o));
        }
        return "targets standardized (" + String.join("; ", each) + ")";
    }

    /** train.class_weights: none, balanced (from the class counts of the training data) or one weight per class. */
    private static ClassWeights classWeights(JavaSparkContext spark, Settings settings, String path,
                                             Preprocessing preprocessing, int features, int classes)
            throws IOException {
        String text = settings.text(TrainSettings.CLASS_WEIGHTS);
        if (text.equals("none")) {
            return null;
        }
        if (!classification(settings)) {
            throw new UsageException(TrainSettings.CLASS_WEIGHTS + "=" + text + " needs task=classification");
        }
        if (text.equals("balanced")) {
            spark.setJobDescription("count the classes of " + path);
            int k = Math.max(2, classes);
            List<long[]> parts = read(spark, settings, path, preprocessing, features, true).mapPartitions(it -> {
                long[] counts = new long[k];
                it.forEachRemaining(p -> counts[(int) p.label()]++);
                return List.of(counts).iterator();
            }).collect();
            long[] counts = new long[k];
            parts.forEach(c -> Arrays.setAll(counts, i -> counts[i] + c[i]));
            try {
                return ClassWeights.balanced(counts);
            } catch (IllegalArgumentException e) {
                throw new UsageException(TrainSettings.CLASS_WEIGHTS + "=balanced: " + e.getMessage());
            }
        }
        double[] explicit;
        try {
            explicit = list(text).stream().mapToDouble(Double::parseDouble).toArray();
            if (explicit.length != Math.max(2, classes)) {
                throw new IllegalArgumentException("need " + Math.max(2, classes) + " weights");
            }
            return ClassWeights.explicit(explicit);
        } catch (IllegalArgumentException e) {
            throw new UsageException(TrainSettings.CLASS_WEIGHTS + "=" + text + " is not allowed (" + e.getMessage()
                    + "); give none, balanced, or one non-negative weight per class in class order");
        }
    }

    /** data.weight: the example weight column, or null for none. */
    private static CsvColumn weightColumn(Settings settings) {
        String text = settings.text(TrainSettings.DATA_WEIGHT);
        if (text.isBlank()) {
            return null;
        }
        try {
            return CsvColumn.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(TrainSettings.DATA_WEIGHT + "=" + text + ": " + e.getMessage());
        }
    }

    private static List<CsvColumn> columns(String text) {
        List<CsvColumn> columns = new ArrayList<>();
        for (String name : list(text)) {
            columns.add(CsvColumn.parse(name));
        }
        return columns;
    }

    /** Comma-separated items, trimmed; empty text is an empty list. */
    static List<String> list(String text) {
        return text.isBlank() ? List.of() : Arrays.stream(text.split(",")).map(String::trim).toList();
    }

    private static char delimiter(String text) {
        if (text.equals("\\t") || text.equalsIgnoreCase("tab")) {
            return '\t';
        }
        if (text.length() != 1) {
            throw new UsageException(TrainSettings.DATA_DELIMITER + "=" + text
                    + " is not allowed; give one character, or tab");
        }
        return text.charAt(0);
    }

    /** The line that names the classes of the training data. */
    static String classesLine(List<String> labels) {
        return "classes (" + labels.size() + "): " + describeClasses(labels);
    }

    private static String describeClasses(List<String> labels) {
        List<String> shown = new ArrayList<>();
        for (int k = 0; k < labels.size() && k < 20; k++) {
            shown.add(k + "=" + labels.get(k));
        }
        return String.join(", ", shown) + (labels.size() > 20 ? ", ..." : "");
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 12 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 12)) + ", ... (" + (names.size() - 12) + " more)";
    }

    /** Where fitting reports what it learned. */
    @FunctionalInterface
    interface PrintLines {
        void line(String text);
    }
}
