package dev.backprop.data;

import java.util.Arrays;

/**
 * One CSV line as read, before a {@link TableSchema} turns it into a point: the label cell's text (stripped), the
 * numeric feature cells in column order ({@link Double#NaN} for a missing cell), and the categorical feature cells in
 * column order (stripped text, {@code null} for a missing cell), and the example weight (1 without a weight column). Which columns are numeric and which categorical is
 * the {@link CsvParser}'s to say ({@link CsvParser#numericColumns()}, {@link CsvParser#categoricalColumns()}).
 *
 * <p>A record holds missing cells only under {@link MissingValues#MEAN}: with {@link MissingValues#ERROR} the parser
 * refuses them as it reads the line.
 */
public record CsvRecord(String label, double[] numeric, String[] categories, double weight) {

    public CsvRecord {
        if (label == null || numeric == null || categories == null) {
            throw new NullPointerException("a CSV record needs a label, numeric cells and categorical cells");
        }
    }

    /** A record of weight 1. */
    public CsvRecord(String label, double[] numeric, String[] categories) {
        this(label, numeric, categories, 1);
    }

    /** Whether numeric cell {@code j} is missing. */
    public boolean isMissing(int j) {
        return Double.isNaN(numeric[j]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CsvRecord r && label.equals(r.label) && Arrays.equals(numeric, r.numeric)
                && Arrays.equals(categories, r.categories) && Double.compare(weight, r.weight) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * label.hashCode() + Arrays.hashCode(numeric)) + Arrays.hashCode(categories))
                + Double.hashCode(weight);
    }

    @Override
    public String toString() {
        return "CsvRecord(" + label + ", " + Arrays.toString(numeric) + ", " + Arrays.toString(categories)
                + (weight == 1 ? "" : ", weight " + weight) + ")";
    }
}
