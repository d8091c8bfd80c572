package dev.backprop.data;

import java.util.Arrays;

/**
 * One CSV line as read, before a {@link TableSchema} turns it into a point: the label cells' texts (stripped; one,
 * or one per target column of a regression with several targets), the numeric feature cells in column order
 * ({@link Double#NaN} for a missing cell), the categorical feature cells in column order (stripped text,
 * {@code null} for a missing cell), and the example weight (1 without a weight column). Which columns are numeric
 * and which categorical is the {@link CsvParser}'s to say ({@link CsvParser#numericColumns()},
 * {@link CsvParser#categoricalColumns()}).
 *
 * <p>A record holds missing cells only under {@link MissingValues#MEAN}: with {@link MissingValues#ERROR} the parser
 * refuses them as it reads the line. A label cell is never missing.
 */
public record CsvRecord(String[] labels, double[] numeric, String[] categories, double weight) {

    public CsvRecord {
        if (labels == null || numeric == null || categories == null) {
            throw new NullPointerException("a CSV record needs labels, numeric cells and categorical cells");
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("a CSV record needs at least one label");
        }
        for (String label : labels) {
            if (label == null) {
                throw new NullPointerException("a CSV record's label cell is null");
            }
        }
    }

    /** A record with one label. */
    public CsvRecord(String label, double[] numeric, String[] categories, double weight) {
        this(new String[] {nonNull(label)}, numeric, categories, weight);
    }

    /** A record with one label, of weight 1. */
    public CsvRecord(String label, double[] numeric, String[] categories) {
        this(label, numeric, categories, 1);
    }

    private static String nonNull(String label) {
        if (label == null) {
            throw new NullPointerException("a CSV record needs a label, numeric cells and categorical cells");
        }
        return label;
    }

    /**
     * The label cell of a record with one label.
     *
     * @throws IllegalStateException for a record of several label cells (targets of a regression)
     */
    public String label() {
        if (labels.length != 1) {
            throw new IllegalStateException("a CSV record with " + labels.length + " label cells has no single"
                    + " label");
        }
        return labels[0];
    }

    /** Whether numeric cell {@code j} is missing. */
    public boolean isMissing(int j) {
        return Double.isNaN(numeric[j]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CsvRecord r && Arrays.equals(labels, r.labels) && Arrays.equals(numeric, r.numeric)
                && Arrays.equals(categories, r.categories) && Double.compare(weight, r.weight) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Arrays.hashCode(labels) + Arrays.hashCode(numeric)) + Arrays.hashCode(categories))
                + Double.hashCode(weight);
    }

    @Override
    public String toString() {
        return "CsvRecord(" + (labels.length == 1 ? labels[0] : Arrays.toString(labels)) + ", "
                + Arrays.toString(numeric) + ", " + Arrays.toString(categories)
                + (weight == 1 ? "" : ", weight " + weight) + ")";
    }
}
