package dev.backprop.data;

import java.util.Arrays;

/**
 * One example as read: its label(s) and its features as sorted 0-based indices with values (sparse; a dense row
 * has every index).
 */
public record LabeledPoint(double label, int[] indices, double[] values) {

    public LabeledPoint {
        if (indices.length != values.length) {
            throw new IllegalArgumentException(indices.length + " indices but " + values.length + " values");
        }
    }

    /** The largest feature index present, or -1 for an example with no nonzero feature. */
    public int maxIndex() {
        return indices.length == 0 ? -1 : indices[indices.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabeledPoint p && Double.compare(label, p.label) == 0
                && Arrays.equals(indices, p.indices) && Arrays.equals(values, p.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Double.hashCode(label) + Arrays.hashCode(indices)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "LabeledPoint(" + label + ", " + indices.length + " features)";
    }
}
