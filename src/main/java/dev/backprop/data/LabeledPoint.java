package dev.backprop.data;

import java.util.Arrays;

/**
 * One example as read: its label(s), its features as sorted 0-based indices with values (sparse; a dense row has
 * every index), and its example weight (finite and non-negative; 1 unless the data gives one, see
 * {@link CsvOptions#weight()}).
 */
public record LabeledPoint(double label, int[] indices, double[] values, double weight) {

    public LabeledPoint {
        if (indices.length != values.length) {
            throw new IllegalArgumentException(indices.length + " indices but " + values.length + " values");
        }
        if (!(weight >= 0) || weight == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("example weight " + weight + " is not a finite non-negative number");
        }
    }

    /** An example of weight 1. */
    public LabeledPoint(double label, int[] indices, double[] values) {
        this(label, indices, values, 1);
    }

    /** This example with features {@code indices} and {@code values} instead, same label and weight. */
    public LabeledPoint withFeatures(int[] indices, double[] values) {
        return new LabeledPoint(label, indices, values, weight);
    }

    /** This example with label {@code label} instead, same features and weight. */
    public LabeledPoint withLabel(double label) {
        return new LabeledPoint(label, indices, values, weight);
    }

    /** The largest feature index present, or -1 for an example with no nonzero feature. */
    public int maxIndex() {
        return indices.length == 0 ? -1 : indices[indices.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabeledPoint p && Double.compare(label, p.label) == 0
                && Arrays.equals(indices, p.indices) && Arrays.equals(values, p.values)
                && Double.compare(weight, p.weight) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Double.hashCode(label) + Arrays.hashCode(indices)) + Arrays.hashCode(values))
                + Double.hashCode(weight);
    }

    @Override
    public String toString() {
        return "LabeledPoint(" + label + ", " + indices.length + " features" + (weight == 1 ? "" : ", weight " + weight)
                + ")";
    }
}
