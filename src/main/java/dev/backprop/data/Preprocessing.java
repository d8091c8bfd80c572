package dev.backprop.data;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * What turns raw input into the network's inputs and its outputs back into what users see, fitted on the training
 * data and stored with a model: the class labels (class index to the label as written in the data), the CSV table
 * schema (label columns, feature columns, categories, imputation means), and the feature and target scalers.
 *
 * @param labels   the original label of each class, in class order; empty for regression (or a model that
 *                 predicts class indices)
 * @param table    the CSV schema, or null for LIBSVM input
 * @param features the feature scaler, or null for none
 * @param target   the target scaler of a regression, one column per target (per label column of the table), or
 *                 null for none
 */
public record Preprocessing(List<String> labels, TableSchema.State table, FeatureScaler features,
                            FeatureScaler target) implements Serializable {

    /** Nothing: inputs used as read, class indices as labels. */
    public static final Preprocessing NONE = new Preprocessing(List.of(), null, null, null);

    public Preprocessing {
        labels = List.copyOf(labels);
        if (table != null && table.classification() && !table.labels().equals(labels)) {
            throw new IllegalArgumentException("the table's labels " + table.labels() + " differ from " + labels);
        }
        if (target != null && target.columns() != (table == null ? 1 : table.labelColumns().size())) {
            throw new IllegalArgumentException("a target scaler of " + target.columns() + " columns for "
                    + (table == null ? "one target" : table.labelColumns().size() + " label columns "
                    + table.labelColumns()) + "; there is one column per target");
        }
    }

    /** The number of labels of every example: the table's label columns (one per regression target), or 1. */
    public int numLabels() {
        return table == null ? 1 : table.labelColumns().size();
    }

    /**
     * The name of regression target {@code o} (network output {@code o}): its label column in the table, or the
     * index itself without a table.
     */
    public String targetName(int o) {
        return table == null ? Integer.toString(o) : table.labelColumns().get(o);
    }

    /** The label map, or null when classes are their indices. */
    public LabelMap labelMap() {
        return labels.isEmpty() ? null : LabelMap.of(labels);
    }

    /** The label users see for class {@code k}: the original label, or the index itself. */
    public String labelOf(int k) {
        return labels.isEmpty() ? Integer.toString(k) : labels.get(k);
    }

    /** The table schema, or null for LIBSVM input. */
    public TableSchema schema() {
        return table == null ? null : TableSchema.restore(table);
    }

    public boolean isNone() {
        return labels.isEmpty() && table == null && features == null && target == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessing p && labels.equals(p.labels) && Objects.equals(table, p.table)
                && Objects.equals(features, p.features) && Objects.equals(target, p.target);
    }

    @Override
    public int hashCode() {
        return Objects.hash(labels, table, features, target);
    }
}
