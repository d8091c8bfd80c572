package dev.backprop.data;

import java.util.Arrays;

/**
 * One example as read: its labels (one for a class or a single regression target, one per target column for a
 * regression with several targets), its features as sorted 0-based indices with values (sparse; a dense row has
 * every index), and its example weight (finite and non-negative; 1 unless the data gives one, see
 * {@link CsvOptions#weight()}).
 */
public record LabeledPoint(double[] labels, int[] indices, double[] values, double weight) {

    public LabeledPoint {
        if (labels.length == 0) {
            throw new IllegalArgumentException("an example needs at least one label");
        }
        if (indices.length != values.length) {
            throw new IllegalArgumentException(indices.length + " indices but " + values.length + " values");
        }
        if (!(weight >= 0) || weight == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("example weight " + weight + " is not a finite non-negative number");
        }
    }

    /** An example with one label. */
    public LabeledPoint(double label, int[] indices, double[] values, double weight) {
        this(new double[] {label}, indices, values, weight);
    }

    /** An example with one label and weight 1. */
    public LabeledPoint(double label, int[] indices, double[] values) {
        this(label, indices, values, 1);
    }

    /**
     * The label of an example that has one (a class, or a single regression target).
     *
     * @throws IllegalStateException when the example has several labels (several regression targets)
     */
    public double label() {
        if (labels.length != 1) {
            throw new IllegalStateException("an example with " + labels.length + " labels (regression targets) has"
                    + " no single label");
        }
        return labels[0];
    }

    /** The number of labels: 1, or the number of regression targets. */
    public int numLabels() {
        return labels.length;
    }

    /** This example with features {@code indices} and {@code values} instead, same labels and weight. */
    public LabeledPoint withFeatures(int[] indices, double[] values) {
        return new LabeledPoint(labels, indices, values, weight);
    }

    /** This example with the one label {@code label} instead, same features and weight. */
    public LabeledPoint withLabel(double label) {
        return new LabeledPoint(label, indices, values, weight);
    }

    /** This example with labels {@code labels} instead, same features and weight. */
    public LabeledPoint withLabels(double[] labels) {
        return new LabeledPoint(labels, indices, values, weight);
    }

    /** The largest feature index present, or -1 for an example with no nonzero feature. */
    public int maxIndex() {
        return indices.length == 0 ? -1 : indices[indices.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabeledPoint p && Arrays.equals(labels, p.labels)
                && Arrays.equals(indices, p.indices) && Arrays.equals(values, p.values)
                && Double.compare(weight, p.weight) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Arrays.hashCode(labels) + Arrays.hashCode(indices)) + Arrays.hashCode(values))
                + Double.hashCode(weight);
    }

    @Override
    public String toString() {
        return "LabeledPoint(" + (labels.length == 1 ? Double.toString(labels[0]) : Arrays.toString(labels)) + ", "
                + indices.length + " features" + (weight == 1 ? "" : ", weight " + weight) + ")";
    }
}
