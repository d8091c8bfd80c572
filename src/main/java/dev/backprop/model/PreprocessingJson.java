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
 * The {@code "preprocessing"} object of {@code model.json} (format version 2) to and from a {@link Preprocessing},
 * and the rules that make a preprocessing fit a network. Messages name the field by its path in the file, such as
 * {@code preprocessing.feature_scaling.scales[3]}.
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

    /** Adds {@code "preprocessing"} to {@code root}; empty parts are left out. */
    static void write(Preprocessing p, ObjectNode root) {
        ObjectNode o = root.putObject(FIELD);
        if (!p.labels().isEmpty()) {
            texts(o.putArray("labels"), p.labels());
        }
        TableSchema.State t = p.table();
        if (t != null) {
            ObjectNode table = o.putObject("table");
            table.put("label_column", t.labelColumn());
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
            target.put("offset", p.target().offsets()[0]);
            target.put("scale", p.target().scales()[0]);
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
     * The preprocessing of the {@code "preprocessing"} object {@code o}: the type and value of every field checked
     * with its path. How it fits the network is checked by {@link #checkFits}, through {@link ModelDescription}.
     */
    static Preprocessing read(JsonFields o) {
        List<String> labels = o.has("labels") ? o.texts("labels") : List.of();
        TableSchema.State table = o.has("table") ? table(o.object("table"), labels) : null;
        FeatureScaler features = o.has("feature_scaling") ? features(o.object("feature_scaling")) : null;
        FeatureScaler target = o.has("target_scaling") ? target(o.object("target_scaling")) : null;
        try {
            return new Preprocessing(labels, table, features, target);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(o.source, FIELD + ": " + e.getMessage(), e);
        }
    }

    /** The table's class labels are {@code preprocessing.labels}: the file holds them once. */
    private static TableSchema.State table(JsonFields t, List<String> labels) {
        String labelColumn = t.text("label_column");
        List<String> columns = t.texts("columns");
        List<Boolean> categorical = t.booleans("categorical");
        List<List<String>> categories = t.textLists("categories");
        List<Double> means = t.finites("means");
        return new TableSchema.State(labelColumn, labels, columns, categorical, categories, means);
    }

    private static FeatureScaler features(JsonFields f) {
        List<Double> offsets = f.finites("offsets");
        List<Double> scales = f.finites("scales");
        if (offsets.size() != scales.size()) {
            throw new ModelFormatException(f.source, f.path("offsets") + " has " + offsets.size() + " values but "
                    + f.path("scales") + " has " + scales.size() + "; there is one of each per feature");
        }
        double[] o = new double[offsets.size()];
        double[] s = new double[scales.size()];
        for (int j = 0; j < o.length; j++) {
            o[j] = offsets.get(j);
            s[j] = positive(f, f.path("scales") + "[" + j + "]", scales.get(j));
        }
        return FeatureScaler.of(o, s);
    }

    private static FeatureScaler target(JsonFields t) {
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
     *   <li>table: a regression table without labels, or a classification table with {@code labels}; as many kinds
     *       and category lists as columns; the categories of a categorical column non-blank, distinct and without
     *       surrounding whitespace, none for a numeric column; one finite mean per feature the columns expand to,
     *       which is the network's number of inputs; and {@link TableSchema#restore} accepts it;</li>
     *   <li>feature scaling: one column per input;</li>
     *   <li>target scaling: only with a regression output with one output.</li>
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
            if (spec.outputs() != 1) {
                throw new IllegalArgumentException(TARGET + " scales one regression target, but the network has "
                        + spec.outputs() + " outputs");
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
        if (t.labelColumn().isEmpty()) {
            throw new IllegalArgumentException(TABLE + ".label_column is empty");
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
