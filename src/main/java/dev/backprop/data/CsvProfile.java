package dev.backprop.data;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one pass over the training records learns for a {@link TableSchema}: the number of rows, the distinct label
 * texts (classification only), for each numeric column the count and mean of its present cells and the number of
 * missing ones, and for each categorical column the count of each distinct category and the number of missing cells.
 *
 * <p>Profiles add up: a partition's records go into one profile ({@link #add}, Welford's update of the means), and
 * profiles are merged ({@link #merge}, Chan et al.'s update) in partition index order, so the result is the same to
 * the bit for the same data and partitioning, and equal within rounding for any partitioning. Sets and counts do not
 * depend on the order at all.
 *
 * <p>A column (or the label) with more than {@link #maxDistinct()} distinct values stops being collected and is
 * marked as overflowing, so that memory stays bounded; {@link #checkLimits()} then names it.
 */
public final class CsvProfile implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The default cap on distinct labels and on distinct categories per column. */
    public static final int DEFAULT_MAX_DISTINCT = 10_000;

    private final int maxDistinct;
    private final boolean collectLabels;
    private final String labelColumn;          // how messages name the columns, e.g. "column 'color' (index 2)"
    private final String[] numericColumns;
    private final String[] categoricalColumns;

    private long rows;
    private final TreeSet<String> labels = new TreeSet<>();
    private boolean labelsOverflow;
    private final long[] count;
    private final double[] mean;
    private final long[] numericMissing;
    private final TreeMap<String, Long>[] categories;
    private final boolean[] categoriesOverflow;
    private final long[] categoricalMissing;

    @SuppressWarnings("unchecked")
    private CsvProfile(int maxDistinct, boolean collectLabels, String labelColumn, String[] numericColumns,
                       String[] categoricalColumns) {
        if (maxDistinct < 1) {
            throw new IllegalArgumentException("the cap on distinct values must be positive, got " + maxDistinct);
        }
        this.maxDistinct = maxDistinct;
        this.collectLabels = collectLabels;
        this.labelColumn = labelColumn;
        this.numericColumns = numericColumns;
        this.categoricalColumns = categoricalColumns;
        this.count = new long[numericColumns.length];
        this.mean = new double[numericColumns.length];
        this.numericMissing = new long[numericColumns.length];
        this.categories = new TreeMap[categoricalColumns.length];
        for (int j = 0; j < categories.length; j++) {
            categories[j] = new TreeMap<>();
        }
        this.categoriesOverflow = new boolean[categoricalColumns.length];
        this.categoricalMissing = new long[categoricalColumns.length];
    }

    /**
     * An empty profile of the records of {@code parser}, collecting distinct labels when {@code classification},
     * with at most {@code maxDistinct} distinct labels and categories per column.
     *
     * @throws IllegalArgumentException for a classification whose parser has several label columns
     */
    public static CsvProfile of(CsvParser parser, boolean classification, int maxDistinct) {
        int[] labelColumns = parser.labelColumns();
        if (classification && labelColumns.length != 1) {
            throw new IllegalArgumentException("a classification has one label column, not " + labelColumns.length
                    + " " + parser.labelNames() + "; several label columns (data.label) are the targets of a"
                    + " regression");
        }
        return new CsvProfile(maxDistinct, classification, String.join(", ", describe(parser, labelColumns)),
                describe(parser, parser.numericColumns()), describe(parser, parser.categoricalColumns()));
    }

    /** {@link #of(CsvParser, boolean, int)} with {@link #DEFAULT_MAX_DISTINCT}. */
    public static CsvProfile of(CsvParser parser, boolean classification) {
        return of(parser, classification, DEFAULT_MAX_DISTINCT);
    }

    private static String[] describe(CsvParser parser, int[] columns) {
        String[] described = new String[columns.length];
        for (int j = 0; j < columns.length; j++) {
            described[j] = parser.describeColumn(columns[j]);
        }
        return described;
    }

    /** An empty profile of the same shape and settings. */
    public CsvProfile emptyCopy() {
        return new CsvProfile(maxDistinct, collectLabels, labelColumn, numericColumns, categoricalColumns);
    }

    /** Adds one record, whose cells must match this profile's columns. */
    public void add(CsvRecord record) {
        if (record.numeric().length != count.length || record.categories().length != categories.length) {
            throw new IllegalArgumentException("a record of " + record.numeric().length + " numeric and "
                    + record.categories().length + " categorical cells does not fit a profile of " + count.length
                    + " and " + categories.length);
        }
        rows++;
        if (collectLabels && !labelsOverflow) {
            labels.add(record.label().strip());
            labelsOverflow = capped(labels);
        }
        double[] numeric = record.numeric();
        for (int j = 0; j < numeric.length; j++) {
            double x = numeric[j];
            if (Double.isNaN(x)) {
                numericMissing[j]++;
            } else {
                count[j]++;
                mean[j] += (x - mean[j]) / count[j];
            }
        }
        String[] cells = record.categories();
        for (int j = 0; j < cells.length; j++) {
            if (cells[j] == null) {
                categoricalMissing[j]++;
            } else if (!categoriesOverflow[j]) {
                categories[j].merge(cells[j].strip(), 1L, Long::sum);
                categoriesOverflow[j] = capped(categories[j].keySet());
            }
        }
    }

    /** Adds {@code other}, which comes after this profile in partition order and has the same shape. */
    public void merge(CsvProfile other) {
        if (other.count.length != count.length || other.categories.length != categories.length
                || other.collectLabels != collectLabels || other.maxDistinct != maxDistinct) {
            throw new IllegalArgumentException("profiles of different tables cannot be merged");
        }
        rows += other.rows;
        labelsOverflow |= other.labelsOverflow;
        if (labelsOverflow) {
            labels.clear();
        } else {
            labels.addAll(other.labels);
            labelsOverflow = capped(labels);
        }
        for (int j = 0; j < count.length; j++) {
            numericMissing[j] += other.numericMissing[j];
            long n = count[j] + other.count[j];
            if (other.count[j] > 0) {
                mean[j] += (other.mean[j] - mean[j]) * ((double) other.count[j] / n);
            }
            count[j] = n;
        }
        for (int j = 0; j < categories.length; j++) {
            categoricalMissing[j] += other.categoricalMissing[j];
            categoriesOverflow[j] |= other.categoriesOverflow[j];
            if (categoriesOverflow[j]) {
                categories[j].clear();
            } else {
                TreeMap<String, Long> counts = categories[j];
                other.categories[j].forEach((category, c) -> counts.merge(category, c, Long::sum));
                categoriesOverflow[j] = capped(categories[j].keySet());
            }
        }
    }

    /** True, after clearing them, when {@code values} have grown past the cap. */
    private boolean capped(Collection<String> values) {
        if (values.size() > maxDistinct) {
            values.clear();
            return true;
        }
        return false;
    }

    /**
     * Throws when the labels or a categorical column had more than {@link #maxDistinct()} distinct values.
     *
     * @throws IllegalArgumentException naming the column and the cap
     */
    public void checkLimits() {
        if (labelsOverflow) {
            throw new IllegalArgumentException("the label " + labelColumn + " has more than " + maxDistinct
                    + " distinct values in the training data, too many classes for a classification (is it a"
                    + " regression target?)");
        }
        for (int j = 0; j < categories.length; j++) {
            if (categoriesOverflow[j]) {
                throw new IllegalArgumentException("categorical " + categoricalColumns[j] + " has more than "
                        + maxDistinct + " distinct values in the training data, too many to one-hot encode (ignore"
                        + " the column, or do not declare it categorical if it holds numbers)");
            }
        }
    }

    public long rows() {
        return rows;
    }

    /** The distinct label texts (stripped), sorted; empty when labels are not collected or overflowed. */
    public SortedSet<String> labels() {
        return Collections.unmodifiableSortedSet(labels);
    }

    /** Whether distinct labels are collected (classification). */
    public boolean collectsLabels() {
        return collectLabels;
    }

    public int maxDistinct() {
        return maxDistinct;
    }

    public int numNumeric() {
        return count.length;
    }

    public int numCategorical() {
        return categories.length;
    }

    /** The number of present cells of numeric column {@code j}. */
    public long count(int j) {
        return count[j];
    }

    /** The mean of the present cells of numeric column {@code j}; NaN when it has none. */
    public double mean(int j) {
        return count[j] == 0 ? Double.NaN : mean[j];
    }

    /** The number of missing cells of numeric column {@code j}. */
    public long numericMissing(int j) {
        return numericMissing[j];
    }

    /** The count of each category of categorical column {@code j}, sorted by category. */
    public SortedMap<String, Long> categoryCounts(int j) {
        return Collections.unmodifiableSortedMap(categories[j]);
    }

    /** The number of missing cells of categorical column {@code j}. */
    public long categoricalMissing(int j) {
        return categoricalMissing[j];
    }

    /** How messages name numeric column {@code j}, e.g. {@code column 'age' (index 1)}. */
    public String numericColumn(int j) {
        return numericColumns[j];
    }

    /** How messages name categorical column {@code j}. */
    public String categoricalColumn(int j) {
        return categoricalColumns[j];
    }

    /** Writes this profile, every double by its bits; {@link #readFrom} reads it back. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(maxDistinct);
        out.writeBoolean(collectLabels);
        writeString(out, labelColumn);
        writeStrings(out, numericColumns);
        writeStrings(out, categoricalColumns);
        out.writeLong(rows);
        out.writeBoolean(labelsOverflow);
        writeStrings(out, labels.toArray(new String[0]));
        for (int j = 0; j < count.length; j++) {
            out.writeLong(count[j]);
            out.writeDouble(mean[j]);
            out.writeLong(numericMissing[j]);
        }
        for (int j = 0; j < categories.length; j++) {
            out.writeLong(categoricalMissing[j]);
            out.writeBoolean(categoriesOverflow[j]);
            out.writeInt(categories[j].size());
            for (Map.Entry<String, Long> e : categories[j].entrySet()) {
                writeString(out, e.getKey());
                out.writeLong(e.getValue());
            }
        }
    }

    /** Reads what {@link #writeTo} wrote. */
    public static CsvProfile readFrom(DataInput in) throws IOException {
        int maxDistinct = in.readInt();
        boolean collectLabels = in.readBoolean();
        String labelColumn = readString(in);
        String[] numericColumns = readStrings(in);
        String[] categoricalColumns = readStrings(in);
        CsvProfile p = new CsvProfile(maxDistinct, collectLabels, labelColumn, numericColumns, categoricalColumns);
        p.rows = in.readLong();
        p.labelsOverflow = in.readBoolean();
        p.labels.addAll(List.of(readStrings(in)));
        for (int j = 0; j < p.count.length; j++) {
            p.count[j] = in.readLong();
            p.mean[j] = in.readDouble();
            p.numericMissing[j] = in.readLong();
        }
        for (int j = 0; j < p.categories.length; j++) {
            p.categoricalMissing[j] = in.readLong();
            p.categoriesOverflow[j] = in.readBoolean();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                p.categories[j].put(readString(in), in.readLong());
            }
        }
        return p;
    }

    private static void writeStrings(DataOutput out, String[] values) throws IOException {
        out.writeInt(values.length);
        for (String v : values) {
            writeString(out, v);
        }
    }

    private static String[] readStrings(DataInput in) throws IOException {
        String[] values = new String[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = readString(in);
        }
        return values;
    }

    /** UTF-8 with an int length ({@link DataOutput#writeUTF} stops at 64 KiB). */
    private static void writeString(DataOutput out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInput in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "CsvProfile(" + rows + " rows, " + (collectLabels ? labels.size() + " labels, " : "") + count.length
                + " numeric and " + categories.length + " categorical columns)";
    }
}
