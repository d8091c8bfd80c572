package dev.backprop.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.data.FeatureScaler;
import dev.backprop.data.LabelMap;
import dev.backprop.data.Preprocessing;
import dev.backprop.data.TableSchema;
import dev.backprop.nn.MlpSpec;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code "preprocessing"} object of {@code model.json} (format version 2, or 3 for several regression targets)
 * to and from a {@link Preprocessing}, and the rules that make a preprocessing fit a network. Messages name the
 * field by its path in the file, such as {@code preprocessing.feature_scaling.scales[3]}.
 */
final class PreprocessingJson {

    static final String FIELD = "preprocessing";
    private static final String LABELS = FIELD + ".labels";
    private static final String TABLE = FIELD + ".table";
    private static final String FEATURES = FIELD + ".feature_scaling";
    private static final String TARGET = FIELD + ".target_scaling";

    private PreprocessingJson() {
    }

    // ---- writing ------------------------------------------------------------------------------------------------

    /**
     * Whether {@code p} needs format version 3: several regression targets, written as the table's
     * {@code label_columns} and per-target {@code offsets} and {@code scales} of the target scaling. A model of one
     * target is written exactly as version 2 wrote it.
     */
    static boolean needsSeveralTargets(Preprocessing p) {
        return p.numLabels() > 1 || (p.target() != null && p.target().columns() > 1);
    }

    /** Adds {@code "preprocessing"} to {@code root}; empty parts are left out. */
    static void write(Preprocessing p, ObjectNode root) {
        ObjectNode o = root.putObject(FIELD);
        if (!p.labels().isEmpty()) {
            texts(o.putArray("labels"), p.labels());
        }
        TableSchema.State t = p.table();
        if (t != null) {
            ObjectNode table = o.putObject("table");
            if (t.labelColumns().size() == 1) {
                table.put("label_column", t.labelColumn());
            } else {
                texts(table.putArray("label_columns"), t.labelColumns());
            }
            texts(table.putArray("columns"), t.columns());
            ArrayNode categorical = table.putArray("categorical");
            t.categorical().forEach(categorical::add);
            ArrayNode categories = table.putArray("categories");
            for (List<String> c : t.categories()) {
                texts(categories.addArray(), c);
            }
            ArrayNode means = table.putArray("means");
            t.means().forEach(means::add);
        }
        if (p.features() != null) {
            ObjectNode features = o.putObject("feature_scaling");
            doubles(features.putArray("offsets"), p.features().offsets());
            doubles(features.putArray("scales"), p.features().scales());
        }
        if (p.target() != null) {
            ObjectNode target = o.putObject("target_scaling");
            if (p.target().columns() == 1) {
                target.put("offset", p.target().offsets()[0]);
                target.put("scale", p.target().scales()[0]);
            } else {
                doubles(target.putArray("offsets"), p.target().offsets());
                doubles(target.putArray("scales"), p.target().scales());
            }
        }
    }

    private static void texts(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static void doubles(ArrayNode array, double[] values) {
        for (double v : values) {
            array.add(v);
        }
    }

    // ---- reading ------------------------------------------------------------------------------------------------

    /**
     * The preprocessing of the {@code "preprocessing"} object {@code o} of a file of format {@code version}: the
     * type and value of every field checked with its path; the fields of several targets need version 3. How it
     * fits the network is checked by {@link #checkFits}, through {@link ModelDescription}.
     */
    static Preprocessing read(JsonFields o, int version) {
        List<String> labels = o.has("labels") ? o.texts("labels") : List.of();
        TableSchema.State table = o.has("table") ? table(o.object("table"), labels, version) : null;
        FeatureScaler features = o.has("feature_scaling") ? features(o.object("feature_scaling")) : null;
        FeatureScaler target = o.has("target_scaling") ? target(o.object("target_scaling"), version) : null;
        try {
            return new Preprocessing(labels, table, features, target);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(o.source, FIELD + ": " + e.getMessage(), e);
        }
    }

    /**
     * The table's class labels are {@code preprocessing.labels}: the file holds them once. Its label column is
     * {@code label_column}, or, in version 3, the target columns {@code label_columns} (two or more).
     */
    private static TableSchema.State table(JsonFields t, List<String> labels, int version) {
        List<String> labelColumns;
        if (t.has("label_columns")) {
            requireSeveralTargetsVersion(t, "label_columns", version);
            if (t.has("label_column")) {
                throw new ModelFormatException(t.source, "fields \"" + t.path("label_column") + "\" and \""
                        + t.path("label_columns") + "\" are both present; a table has one label column or several");
            }
            labelColumns = t.texts("label_columns");
            if (labelColumns.size() < 2) {
                throw new ModelFormatException(t.source, "field \"" + t.path("label_columns") + "\" has "
                        + labelColumns.size() + " column(s); it holds the two or more targets of a regression (one"
                        + " label column is \"" + t.path("label_column") + "\")");
            }
        } else {
            labelColumns = List.of(t.text("label_column"));
        }
        List<String> columns = t.texts("columns");
        List<Boolean> categorical = t.booleans("categorical");
        List<List<String>> categories = t.textLists("categories");
        List<Double> means = t.finites("means");
        return new TableSchema.State(labelColumns, labels, columns, categorical, categories, means);
    }

    /** A field that only version 3 (several regression targets) has. */
    private static void requireSeveralTargetsVersion(JsonFields f, String field, int version) {
        if (version < ModelDescription.CURRENT_VERSION) {
            throw new ModelFormatException(f.source, "field \"" + f.path(field) + "\" (several regression targets)"
                    + " needs format version " + ModelDescription.CURRENT_VERSION + ", but \"version\" is " + version);
        }
    }

    private static FeatureScaler features(JsonFields f) {
        return scaler(f, "feature");
    }

    /** {@code offsets} and {@code scales}, one of each per {@code what} (feature or target). */
    private static FeatureScaler scaler(JsonFields f, String what) {
        List<Double> offsets = f.finites("offsets");
        List<Double> scales = f.finites("scales");
        if (offsets.size() != scales.size()) {
            throw new ModelFormatException(f.source, f.path("offsets") + " has " + offsets.size() + " values but "
                    + f.path("scales") + " has " + scales.size() + "; there is one of each per " + what);
        }
        double[] o = new double[offsets.size()];
        double[] s = new double[scales.size()];
        for (int j = 0; j < o.length; j++) {
            o[j] = offsets.get(j);
            s[j] = positive(f, f.path("scales") + "[" + j + "]", scales.get(j));
        }
        return FeatureScaler.of(o, s);
    }

    /**
     * The scalar {@code offset} and {@code scale} of one target, or, in version 3, the {@code offsets} and
     * {@code scales} of several (two or more).
     */
    private static FeatureScaler target(JsonFields t, int version) {
        if (t.has("offsets") || t.has("scales")) {
            requireSeveralTargetsVersion(t, t.has("offsets") ? "offsets" : "scales", version);
            if (t.has("offset") || t.has("scale")) {
                String several = t.has("offsets") ? "offsets" : "scales";
                String scalar = t.has("offset") ? "offset" : "scale";
                throw new ModelFormatException(t.source, "field \"" + t.path(several) + "\" and \""
                        + t.path(scalar) + "\" are both present; a target scaling has the scalar offset and scale"
                        + " of one target, or the offsets and scales of several");
            }
            FeatureScaler several = scaler(t, "target");
            if (several.columns() < 2) {
                throw new ModelFormatException(t.source, "field \"" + t.path("offsets") + "\" has "
                        + several.columns() + " value(s); it holds two or more targets (one target is \""
                        + t.path("offset") + "\" and \"" + t.path("scale") + "\")");
            }
            return several;
        }
        double offset = t.finite("offset");
        double scale = positive(t, t.path("scale"), t.finite("scale"));
        return FeatureScaler.of(new double[] {offset}, new double[] {scale});
    }

    private static double positive(JsonFields f, String path, double scale) {
        if (!(scale > 0)) {
            throw new ModelFormatException(f.source, "field \"" + path + "\" must be a positive number (a divisor),"
                    + " got " + scale);
        }
        return scale;
    }

    // ---- how a preprocessing fits a network ---------------------------------------------------------------------

    /**
     * Checks that {@code p} can go with a network {@code spec}; an {@link IllegalArgumentException} names the
     * field of {@code model.json} at fault.
     * <ul>
     *   <li>labels: non-blank, without surrounding whitespace, distinct as {@link LabelMap} compares them; one per
     *       class for a classification output (its number of outputs, or 2 for a single sigmoid output), none for a
     *       regression output;</li>
     *   <li>table: a regression table without labels and one label column per network output, or a classification
     *       table with {@code labels} and one label column; as many kinds
     *       and category lists as columns; the categories of a categorical column non-blank, distinct and without
     *       surrounding whitespace, none for a numeric column; one finite mean per feature the columns expand to,
     *       which is the network's number of inputs; and {@link TableSchema#restore} accepts it;</li>
     *   <li>feature scaling: one column per input;</li>
     *   <li>target scaling: only with a regression output, one column per network output.</li>
     * </ul>
     */
    static void checkFits(MlpSpec spec, Preprocessing p) {
        checkLabels(spec, p.labels());
        if (p.table() != null) {
            checkTable(spec, p.table(), p.labels());
        }
        if (p.features() != null && p.features().columns() != spec.inputs()) {
            throw new IllegalArgumentException(FEATURES + " has " + p.features().columns() + " offsets and scales but"
                    + " the network has " + spec.inputs() + " inputs (network.layer_sizes[0]); there is one of each"
                    + " per input");
        }
        if (p.target() != null) {
            if (spec.output().isClassification()) {
                throw new IllegalArgumentException(TARGET + " is for regression targets, but the network's output "
                        + spec.output().configName() + " is a classification");
            }
            int targets = p.target().columns();
            if (targets != spec.outputs()) {
                throw new IllegalArgumentException(TARGET + " scales " + (targets == 1 ? "one regression target"
                        : targets + " regression targets") + ", but the network has " + spec.outputs() + " output"
                        + (spec.outputs() == 1 ? "" : "s") + "; there is one per output");
            }
        }
    }

    private static void checkLabels(MlpSpec spec, List<String> labels) {
        Map<String, Integer> seen = new HashMap<>();
        for (int k = 0; k < labels.size(); k++) {
            String label = labels.get(k);
            String at = LABELS + "[" + k + "]";
            if (label.isBlank()) {
                throw new IllegalArgumentException(at + " is blank; a class label must have a text");
            }
            if (!label.equals(label.strip())) {
                throw new IllegalArgumentException(at + " '" + label + "' has surrounding whitespace");
            }
            Integer before = seen.put(LabelMap.key(label), k);
            if (before != null) {
                throw new IllegalArgumentException(at + " '" + label + "' is the same label as " + LABELS + "["
                        + before + "] '" + labels.get(before) + "'; each class has its own label");
            }
        }
        if (labels.isEmpty()) {
            return;
        }
        if (!spec.output().isClassification()) {
            throw new IllegalArgumentException(LABELS + " has " + labels.size() + " class labels, but the network's"
                    + " output " + spec.output().configName() + " is a regression, which has no classes");
        }
        int classes = spec.outputs() == 1 ? 2 : spec.outputs();
        if (labels.size() != classes) {
            throw new IllegalArgumentException(LABELS + " has " + labels.size() + " labels, but the network's "
                    + spec.output().configName() + " output with " + spec.outputs() + " output"
                    + (spec.outputs() == 1 ? "" : "s") + " has " + classes + " classes (one label each)");
        }
    }

    private static void checkTable(MlpSpec spec, TableSchema.State t, List<String> labels) {
        if (!t.labels().equals(labels)) {
            throw new IllegalArgumentException(TABLE + " reads its label column as a number (a regression table,"
                    + " without class labels), but " + LABELS + " has " + labels.size() + " class labels; a table"
                    + " of a classification has the same labels as the model");
        }
        for (int k = 0; k < t.labelColumns().size(); k++) {
            if (t.labelColumns().get(k).isEmpty()) {
                throw new IllegalArgumentException(TABLE + (t.labelColumns().size() == 1 ? ".label_column"
                        : ".label_columns[" + k + "]") + " is empty");
            }
        }
        if (new HashSet<>(t.labelColumns()).size() != t.labelColumns().size()) {
            throw new IllegalArgumentException(TABLE + ".label_columns " + t.labelColumns() + " names a column twice");
        }
        int labelColumns = t.labelColumns().size();
        if (t.classification() && labelColumns != 1) {
            throw new IllegalArgumentException(TABLE + ".label_columns has " + labelColumns + " columns, but a"
                    + " classification has one label column");
        }
        if (!spec.output().isClassification() && labelColumns != spec.outputs()) {
            throw new IllegalArgumentException(TABLE + " has " + labelColumns + " label column"
                    + (labelColumns == 1 ? "" : "s") + " but the network has " + spec.outputs() + " output"
                    + (spec.outputs() == 1 ? "" : "s") + " (network.layer_sizes, last); a regression has one output"
                    + " per target column");
        }
        int n = t.columns().size();
        if (n == 0) {
            throw new IllegalArgumentException(TABLE + ".columns is empty; a table has at least one feature column");
        }
        if (t.categorical().size() != n) {
            throw new IllegalArgumentException(TABLE + ".categorical has " + t.categorical().size() + " values but "
                    + TABLE + ".columns has " + n + " columns; there is one per column");
        }
        if (t.categories().size() != n) {
            throw new IllegalArgumentException(TABLE + ".categories has " + t.categories().size() + " lists but "
                    + TABLE + ".columns has " + n + " columns; there is one per column (empty for a numeric one)");
        }
        int features = 0;
        for (int k = 0; k < n; k++) {
            String column = t.columns().get(k);
            if (column.isEmpty()) {
                throw new IllegalArgumentException(TABLE + ".columns[" + k + "] is empty; a column has a name");
            }
            List<String> categories = t.categories().get(k);
            String at = TABLE + ".categories[" + k + "]";
            if (!t.categorical().get(k)) {
                if (!categories.isEmpty()) {
                    throw new IllegalArgumentException(at + " lists " + categories.size() + " categories, but column '"
                            + column + "' is numeric (" + TABLE + ".categorical[" + k + "] is false)");
                }
                features++;
                continue;
            }
            if (categories.isEmpty()) {
                throw new IllegalArgumentException(at + " is empty, but categorical column '" + column + "' needs at"
                        + " least one category");
            }
            Set<String> distinct = new HashSet<>();
            for (int i = 0; i < categories.size(); i++) {
                String c = categories.get(i);
                if (c.isBlank() || !c.equals(c.strip())) {
                    throw new IllegalArgumentException(at + "[" + i + "] '" + c + "' must be non-blank, without"
                            + " surrounding whitespace");
                }
                if (!distinct.add(c)) {
                    throw new IllegalArgumentException(at + "[" + i + "] '" + c + "' appears twice in column '" + column
                            + "'");
                }
            }
            features += categories.size();
        }
        if (t.means().size() != features) {
            throw new IllegalArgumentException(TABLE + ".means has " + t.means().size() + " values but the columns"
                    + " expand to " + features + " features (a numeric column is one, a categorical column one per"
                    + " category); there is one mean per feature");
        }
        for (int f = 0; f < features; f++) {
            double m = t.means().get(f);
            if (!Double.isFinite(m)) {
                throw new IllegalArgumentException(TABLE + ".means[" + f + "] is " + m + ", not a finite number");
            }
        }
        if (features != spec.inputs()) {
            throw new IllegalArgumentException(TABLE + " expands to " + features + " features but the network has "
                    + spec.inputs() + " inputs (network.layer_sizes[0])");
        }
        try {
            TableSchema.restore(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(TABLE + ": " + e.getMessage(), e);
        }
    }
}
