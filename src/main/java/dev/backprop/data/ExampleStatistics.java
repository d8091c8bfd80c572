package dev.backprop.data;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * What one pass over labelled examples learns for scaling: the {@link ColumnStatistics} of the features (sparse
 * rows, absent features are zeros) and of the targets (one column per label of a {@link LabeledPoint}: one for a
 * class or a single regression target, one per target column otherwise). Mergeable like its parts; fit
 * {@link FeatureScaler}s from {@link #features()} and {@link #targets()}.
 */
public final class ExampleStatistics {

    private final ColumnStatistics features;
    private final ColumnStatistics targets;

    /** Statistics of no examples, over at least {@code features} feature columns and one target column. */
    public ExampleStatistics(int features) {
        this(features, 1);
    }

    /**
     * Statistics of no examples, over at least {@code features} feature columns and exactly {@code targets} target
     * columns (every example added must have that many labels).
     */
    public ExampleStatistics(int features, int targets) {
        this(new ColumnStatistics(features), new ColumnStatistics(targets));
        if (targets < 1) {
            throw new IllegalArgumentException("examples have at least one target, got " + targets);
        }
    }

    /** These two statistics, held (not copied); they must count the same rows. */
    public ExampleStatistics(ColumnStatistics features, ColumnStatistics targets) {
        if (features.rows() != targets.rows()) {
            throw new IllegalArgumentException("feature statistics count " + features.rows()
                    + " rows, target statistics " + targets.rows());
        }
        this.features = features;
        this.targets = targets;
    }

    /** The statistics of {@code points} (one label each) over at least {@code features} feature columns. */
    public static ExampleStatistics of(Iterable<LabeledPoint> points, int features) {
        return of(points, features, 1);
    }

    /** The statistics of {@code points}, {@code targets} labels each, over at least {@code features} columns. */
    public static ExampleStatistics of(Iterable<LabeledPoint> points, int features, int targets) {
        ExampleStatistics statistics = new ExampleStatistics(features, targets);
        points.forEach(statistics::add);
        return statistics;
    }

    /**
     * Adds one example: its features and its labels, one per target column. A row with an infinite value, or with
     * another number of labels, changes nothing.
     */
    public void add(LabeledPoint point) {
        double[] labels = point.labels();
        if (labels.length != targets.columns()) {
            throw new IllegalArgumentException("an example with " + labels.length + " labels, but the statistics"
                    + " have " + targets.columns() + " target columns");
        }
        for (double label : labels) {
            if (Double.isInfinite(label)) {
                throw new IllegalArgumentException("target " + label + " is not a finite number");
            }
        }
        features.add(point); // checks the whole row before counting any of it
        targets.addDense(labels);
    }

    /** Adds the examples counted in {@code other}; {@code other} is unchanged. */
    public ExampleStatistics merge(ExampleStatistics other) {
        features.merge(other.features);
        targets.merge(other.targets);
        return this;
    }

    /** The statistics of the features (held, not copied). */
    public ColumnStatistics features() {
        return features;
    }

    /** The statistics of the targets, one column per target value (held, not copied). */
    public ColumnStatistics targets() {
        return targets;
    }

    /** Number of examples added. */
    public long rows() {
        return features.rows();
    }

    /** Writes both parts exactly; {@link #readFrom} reads them back. */
    public void writeTo(DataOutput out) throws IOException {
        features.writeTo(out);
        targets.writeTo(out);
    }

    /** Statistics written by {@link #writeTo}. */
    public static ExampleStatistics readFrom(DataInput in) throws IOException {
        ColumnStatistics features = ColumnStatistics.readFrom(in);
        ColumnStatistics targets = ColumnStatistics.readFrom(in);
        if (features.rows() != targets.rows()) {
            throw new IOException("corrupt example statistics: " + features.rows() + " feature rows, "
                    + targets.rows() + " target rows");
        }
        return new ExampleStatistics(features, targets);
    }

    @Override
    public String toString() {
        return "ExampleStatistics(" + rows() + " examples, " + features.columns() + " features, "
                + targets.columns() + " targets)";
    }
}
