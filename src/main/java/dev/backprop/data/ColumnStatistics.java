package dev.backprop.data;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Per-column count, mean, M2 (sum of squared deviations from the mean), minimum and maximum of a table of rows,
 * accumulated one row at a time and mergeable with the statistics of other rows (other partitions).
 *
 * <p>Rows may be sparse: a column absent from a row holds the value 0. Zeros are not visited one by one; the class
 * keeps the number of rows and, per column, the statistics of the values given explicitly (Welford's update), and
 * merges the implicit zeros in analytically when a statistic is read. Merging uses the parallel formula of Chan et
 * al.: with {@code delta = mean_b - mean_a} and {@code n = n_a + n_b}, {@code M2 = M2_a + M2_b + delta^2 n_a n_b / n},
 * and the mean as the weighted average {@code (n_a mean_a + n_b mean_b) / n} (Chan's {@code mean_a + delta n_b / n}
 * is the same number mathematically but loses relative precision to cancellation when {@code n_b >> n_a}, as in a
 * sparse column merged with its many zeros; equal means are kept exactly). Both are numerically stable: values
 * 0.001 next to 2500 lose nothing that a two-pass computation keeps.
 *
 * <p>A NaN value is a missing cell: it is not counted in its column ({@link #count} is the number of rows minus
 * {@link #missing}). An infinite value is an error. The number of columns grows with the largest index seen.
 *
 * <p>Not thread-safe; one instance per partition, merged afterwards.
 */
public final class ColumnStatistics {

    private long rows;
    private int columns;
    /** Per column, over the values given explicitly (not the implicit zeros, not the missing cells). */
    private long[] counts;
    private double[] means;
    private double[] m2s;
    private double[] mins;
    private double[] maxs;
    /** Per column, the number of missing (NaN) cells. */
    private long[] missing;

    /** Statistics of no rows over {@code columns} columns (more appear as rows name them). */
    public ColumnStatistics(int columns) {
        if (columns < 0) {
            throw new IllegalArgumentException("number of columns must not be negative, got " + columns);
        }
        counts = new long[0];
        means = new double[0];
        m2s = new double[0];
        mins = new double[0];
        maxs = new double[0];
        missing = new long[0];
        ensureColumns(columns);
    }

    /** The statistics of {@code points}' features over at least {@code columns} columns. */
    public static ColumnStatistics ofFeatures(Iterable<LabeledPoint> points, int columns) {
        ColumnStatistics statistics = new ColumnStatistics(columns);
        points.forEach(statistics::add);
        return statistics;
    }

    /** Adds the features of {@code point} as one row. */
    public void add(LabeledPoint point) {
        addSparse(point.indices(), point.values());
    }

    /**
     * Adds one sparse row: {@code values[k]} in column {@code indices[k]}, 0 in every other column. The indices are
     * 0-based and strictly increasing.
     */
    public void addSparse(int[] indices, double[] values) {
        if (indices.length != values.length) {
            throw new IllegalArgumentException(indices.length + " indices but " + values.length + " values");
        }
        for (int k = 0; k < indices.length; k++) {
            if (indices[k] < 0 || (k > 0 && indices[k] <= indices[k - 1])) {
                throw new IllegalArgumentException("column indices must be 0-based and strictly increasing, got "
                        + Arrays.toString(indices));
            }
            checkNotInfinite(indices[k], values[k]);
        }
        if (indices.length > 0) {
            ensureColumns(indices[indices.length - 1] + 1);
        }
        for (int k = 0; k < indices.length; k++) {
            accept(indices[k], values[k]);
        }
        rows++;
    }

    /** Adds one dense row: {@code values[j]} in column {@code j}. */
    public void addDense(double... values) {
        for (int j = 0; j < values.length; j++) {
            checkNotInfinite(j, values[j]);
        }
        ensureColumns(values.length);
        for (int j = 0; j < values.length; j++) {
            accept(j, values[j]);
        }
        rows++;
    }

    private static void checkNotInfinite(int column, double value) {
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException("column " + column + " (0-based): value " + value
                    + " is not a finite number");
        }
    }

    /** Welford's update of column {@code j} with one explicit value. */
    private void accept(int j, double x) {
        if (Double.isNaN(x)) {
            missing[j]++;
            return;
        }
        long n = ++counts[j];
        double delta = x - means[j];
        means[j] += delta / n;
        m2s[j] += delta * (x - means[j]);
        mins[j] = Math.min(mins[j], x);
        maxs[j] = Math.max(maxs[j], x);
    }

    /** Adds the rows counted in {@code other} to these statistics (Chan et al.); {@code other} is unchanged. */
    public ColumnStatistics merge(ColumnStatistics other) {
        ensureColumns(other.columns);
        for (int j = 0; j < other.columns; j++) {
            long na = counts[j];
            long nb = other.counts[j];
            if (nb == 0) {
                // nothing explicit to add
            } else if (na == 0) {
                counts[j] = nb;
                means[j] = other.means[j];
                m2s[j] = other.m2s[j];
            } else {
                long n = na + nb;
                double delta = other.means[j] - means[j];
                if (delta != 0) {
                    means[j] = (means[j] * na + other.means[j] * nb) / n;
                }
                m2s[j] += other.m2s[j] + delta * delta * ((double) na * nb / n);
                counts[j] = n;
            }
            mins[j] = Math.min(mins[j], other.mins[j]);
            maxs[j] = Math.max(maxs[j], other.maxs[j]);
            missing[j] += other.missing[j];
        }
        rows += other.rows;
        return this;
    }

    /** An independent copy. */
    public ColumnStatistics copy() {
        return new ColumnStatistics(columns).merge(this);
    }

    private void ensureColumns(int wanted) {
        if (wanted <= columns) {
            return;
        }
        if (wanted > counts.length) {
            long grown = counts.length + (long) counts.length / 2;
            int capacity = (int) Math.max(wanted, Math.min(Integer.MAX_VALUE - 8, grown));
            int from = counts.length;
            counts = Arrays.copyOf(counts, capacity);
            means = Arrays.copyOf(means, capacity);
            m2s = Arrays.copyOf(m2s, capacity);
            mins = Arrays.copyOf(mins, capacity);
            maxs = Arrays.copyOf(maxs, capacity);
            missing = Arrays.copyOf(missing, capacity);
            Arrays.fill(mins, from, capacity, Double.POSITIVE_INFINITY);
            Arrays.fill(maxs, from, capacity, Double.NEGATIVE_INFINITY);
        }
        columns = wanted;
    }

    /** Number of rows added (each with all its columns). */
    public long rows() {
        return rows;
    }

    /** Number of columns: the initial number, or one more than the largest index seen if that is larger. */
    public int columns() {
        return columns;
    }

    /** Number of values of column {@code j}: the rows minus its missing cells (implicit zeros count). */
    public long count(int j) {
        Objects.checkIndex(j, columns);
        return rows - missing[j];
    }

    /** Number of missing (NaN) cells in column {@code j}. */
    public long missing(int j) {
        Objects.checkIndex(j, columns);
        return missing[j];
    }

    /** The implicit zeros of column {@code j}: rows in which it was absent. */
    private long implicitZeros(int j) {
        return count(j) - counts[j];
    }

    /** Mean of column {@code j}, implicit zeros included; NaN when it has no values. */
    public double mean(int j) {
        long n = count(j);
        if (n == 0) {
            return Double.NaN;
        }
        long zeros = implicitZeros(j);
        // merged with `zeros` values of mean 0 and M2 0, as in merge()
        return zeros == 0 ? means[j] : means[j] * counts[j] / n;
    }

    /** Sum of squared deviations from the mean of column {@code j}, implicit zeros included; NaN with no values. */
    public double m2(int j) {
        long n = count(j);
        if (n == 0) {
            return Double.NaN;
        }
        long zeros = implicitZeros(j);
        double mean = means[j];
        return zeros == 0 ? m2s[j] : m2s[j] + mean * mean * ((double) counts[j] * zeros / n);
    }

    /** Population variance {@code M2 / count} of column {@code j}; NaN when it has no values. */
    public double variance(int j) {
        return m2(j) / count(j);
    }

    /** Sample variance {@code M2 / (count - 1)} of column {@code j}; NaN with fewer than two values. */
    public double sampleVariance(int j) {
        long n = count(j);
        return n < 2 ? Double.NaN : m2(j) / (n - 1);
    }

    /** Population standard deviation of column {@code j}: the square root of {@link #variance}. */
    public double std(int j) {
        return Math.sqrt(variance(j));
    }

    /** Smallest value of column {@code j}, implicit zeros included; NaN when it has no values. */
    public double min(int j) {
        if (count(j) == 0) {
            return Double.NaN;
        }
        return implicitZeros(j) > 0 ? Math.min(mins[j], 0.0) : mins[j];
    }

    /** Largest value of column {@code j}, implicit zeros included; NaN when it has no values. */
    public double max(int j) {
        if (count(j) == 0) {
            return Double.NaN;
        }
        return implicitZeros(j) > 0 ? Math.max(maxs[j], 0.0) : maxs[j];
    }

    /**
     * Whether column {@code j} holds one value only (its minimum equals its maximum) or none at all. Its variance is
     * then 0 mathematically, whatever rounding may have left in M2.
     */
    public boolean isConstant(int j) {
        return count(j) == 0 || min(j) == max(j);
    }

    /** The means of all columns. */
    public double[] means() {
        double[] result = new double[columns];
        Arrays.setAll(result, this::mean);
        return result;
    }

    /** The population standard deviations of all columns. */
    public double[] stds() {
        double[] result = new double[columns];
        Arrays.setAll(result, this::std);
        return result;
    }

    /**
     * Writes the statistics exactly (every double by its bits), for shipping between JVMs; {@link #readFrom} reads
     * them back.
     */
    public void writeTo(DataOutput out) throws IOException {
        out.writeLong(rows);
        out.writeInt(columns);
        for (int j = 0; j < columns; j++) {
            out.writeLong(counts[j]);
            out.writeLong(missing[j]);
            out.writeDouble(means[j]);
            out.writeDouble(m2s[j]);
            out.writeDouble(mins[j]);
            out.writeDouble(maxs[j]);
        }
    }

    /** Statistics written by {@link #writeTo}. */
    public static ColumnStatistics readFrom(DataInput in) throws IOException {
        long rows = in.readLong();
        int columns = in.readInt();
        if (rows < 0 || columns < 0) {
            throw new IOException("corrupt column statistics: " + rows + " rows, " + columns + " columns");
        }
        ColumnStatistics s = new ColumnStatistics(columns);
        s.rows = rows;
        for (int j = 0; j < columns; j++) {
            s.counts[j] = in.readLong();
            s.missing[j] = in.readLong();
            s.means[j] = in.readDouble();
            s.m2s[j] = in.readDouble();
            s.mins[j] = in.readDouble();
            s.maxs[j] = in.readDouble();
            if (s.counts[j] < 0 || s.missing[j] < 0 || s.counts[j] + s.missing[j] > rows) {
                throw new IOException("corrupt column statistics: column " + j + " has " + s.counts[j]
                        + " values and " + s.missing[j] + " missing cells in " + rows + " rows");
            }
        }
        return s;
    }

    @Override
    public String toString() {
        return "ColumnStatistics(" + rows + " rows, " + columns + " columns)";
    }
}
