package dev.backprop.data;

import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.ShapeException;

import java.util.Arrays;

/**
 * An affine map per column, {@code y = (x - offset) / scale}, fitted on training data and applied unchanged to
 * every later input: to features (columns of a {@link LabeledPoint} or rows of a features x examples matrix), or to
 * regression targets, whose predictions {@link #unscale} maps back to the original scale.
 *
 * <p>The parameters are the two arrays {@link #offsets()} and {@link #scales()}; {@link #of} rebuilds the same
 * scaler from them, so a model file can store and restore it exactly.
 *
 * <p>{@link #fit} rules:
 * <ul>
 *   <li>{@link ScalingMethod#STANDARD}: offset the mean (implicit zeros included) and scale the population
 *       standard deviation. With {@code withMean} false, the offset is 0: values are divided by the standard
 *       deviation only, so that the zeros of sparse input stay zeros (centering would make every row dense). Use
 *       that for sparse input unless centering is asked for.</li>
 *   <li>{@link ScalingMethod#MINMAX}: offset the minimum, scale {@code max - min}; training values land in [0, 1].
 *       Sparse input with no negative values has minimum 0 and stays sparse. {@code withMean} does not apply.</li>
 *   <li>{@link ScalingMethod#NONE}: offset 0, scale 1.</li>
 *   <li>A <em>constant</em> column (minimum equal to maximum, so standard deviation and range are 0) gets scale 1,
 *       never a division by 0: with an offset (standard with mean, minmax) its training value maps to exactly 0,
 *       without one (standard without mean) its values are left as they are. A column with no values at all (no
 *       rows, or only missing cells) gets offset 0 and scale 1, as does one whose spread is not a positive finite
 *       double (underflow or overflow of extreme values).</li>
 * </ul>
 *
 * <p>Immutable. Serializable so that Spark closures may carry it.
 */
public final class FeatureScaler implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final double[] offsets;
    private final double[] scales;
    /** Whether some offset is not 0: scaling then turns the zeros of a sparse row into other values. */
    private final boolean shifts;

    private FeatureScaler(double[] offsets, double[] scales) {
        if (offsets.length != scales.length) {
            throw new IllegalArgumentException(offsets.length + " offsets but " + scales.length + " scales");
        }
        boolean shifts = false;
        for (int j = 0; j < offsets.length; j++) {
            if (!Double.isFinite(offsets[j])) {
                throw new IllegalArgumentException("offset of column " + j + " (0-based) is " + offsets[j]
                        + ", not a finite number");
            }
            if (!(scales[j] > 0) || !Double.isFinite(scales[j])) {
                throw new IllegalArgumentException("scale of column " + j + " (0-based) is " + scales[j]
                        + ", not a positive finite number");
            }
            shifts |= offsets[j] != 0;
        }
        this.offsets = offsets;
        this.scales = scales;
        this.shifts = shifts;
    }

    /** The scaler {@code (x - offsets[j]) / scales[j]}; the arrays are copied. Scales must be positive and finite. */
    public static FeatureScaler of(double[] offsets, double[] scales) {
        return new FeatureScaler(offsets.clone(), scales.clone());
    }

    /** The scaler that changes nothing, over {@code columns} columns. */
    public static FeatureScaler identity(int columns) {
        double[] ones = new double[columns];
        Arrays.fill(ones, 1);
        return new FeatureScaler(new double[columns], ones);
    }

    /** The scaler of {@code method} for columns with {@code statistics}; see the class comment for the rules. */
    public static FeatureScaler fit(ColumnStatistics statistics, ScalingMethod method, boolean withMean) {
        int n = statistics.columns();
        double[] offsets = new double[n];
        double[] scales = new double[n];
        for (int j = 0; j < n; j++) {
            boolean usable = statistics.count(j) > 0 && method != ScalingMethod.NONE;
            boolean constant = statistics.isConstant(j);
            if (usable && method == ScalingMethod.STANDARD) {
                // a constant column is centred on its value itself, which the mean may miss by a rounding error
                offsets[j] = !withMean ? 0 : constant ? statistics.min(j) : statistics.mean(j);
                scales[j] = constant ? 1 : positiveOrOne(statistics.std(j));
            } else if (usable && method == ScalingMethod.MINMAX) {
                offsets[j] = statistics.min(j);
                scales[j] = constant ? 1 : positiveOrOne(statistics.max(j) - statistics.min(j));
            } else {
                scales[j] = 1;
            }
        }
        return new FeatureScaler(offsets, scales);
    }

    private static double positiveOrOne(double spread) {
        return spread > 0 && Double.isFinite(spread) ? spread : 1;
    }

    /** Number of columns scaled. */
    public int columns() {
        return offsets.length;
    }

    /** The offsets, one per column (a copy). */
    public double[] offsets() {
        return offsets.clone();
    }

    /** The scales, one per column (a copy). */
    public double[] scales() {
        return scales.clone();
    }

    /** Whether every offset is 0 and every scale 1. */
    public boolean isIdentity() {
        if (shifts) {
            return false;
        }
        for (double s : scales) {
            if (s != 1) {
                return false;
            }
        }
        return true;
    }

    /** {@code (x - offset) / scale} of column {@code column}. */
    public double scale(int column, double x) {
        return (x - offsets[column]) / scales[column];
    }

    /** The inverse of {@link #scale}: {@code y * scale + offset} of column {@code column}. */
    public double unscale(int column, double y) {
        return y * scales[column] + offsets[column];
    }

    /** {@link #scale} of the only column of a target scaler. */
    public double scaleTarget(double y) {
        return scale(singleColumn(), y);
    }

    /** {@link #unscale} of the only column of a target scaler: a prediction back on the original scale. */
    public double unscaleTarget(double y) {
        return unscale(singleColumn(), y);
    }

    private int singleColumn() {
        if (offsets.length != 1) {
            throw new IllegalStateException("a target scaler has one column, this one has " + offsets.length);
        }
        return 0;
    }

    /**
     * {@code point} with scaled features and the same label. The result stays sparse when every offset is 0;
     * otherwise the absent zeros become {@code -offset / scale} and the result is dense (every column present).
     */
    public LabeledPoint apply(LabeledPoint point) {
        int[] indices = point.indices();
        double[] values = point.values();
        if (point.maxIndex() >= columns()) {
            throw new IllegalArgumentException("feature index " + (point.maxIndex() + 1) + " (1-based) exceeds the "
                    + columns() + " features of the scaler");
        }
        if (!shifts) {
            double[] scaled = new double[values.length];
            for (int k = 0; k < values.length; k++) {
                scaled[k] = values[k] / scales[indices[k]];
            }
            return point.withFeatures(indices, scaled);
        }
        double[] dense = new double[columns()];
        for (int k = 0; k < indices.length; k++) {
            dense[indices[k]] = values[k];
        }
        int[] all = new int[dense.length];
        for (int j = 0; j < dense.length; j++) {
            all[j] = j;
            dense[j] = scale(j, dense[j]);
        }
        return point.withFeatures(all, dense);
    }

    /**
     * {@code point} with its labels scaled by this target scaler, label {@code o} by column {@code o}, and the same
     * features; the scaler has one column per label (one for a single target).
     */
    public LabeledPoint applyToLabels(LabeledPoint point) {
        double[] labels = point.labels();
        if (labels.length != offsets.length) {
            throw new IllegalArgumentException("a target scaler of " + offsets.length + " columns cannot scale the "
                    + labels.length + " labels of an example");
        }
        double[] scaled = new double[labels.length];
        for (int o = 0; o < labels.length; o++) {
            scaled[o] = scale(o, labels[o]);
        }
        return point.withLabels(scaled);
    }

    /** Scales, in place, a matrix with one row per column of this scaler: features x examples, targets x examples. */
    public void scaleInPlace(Matrix rowsAreColumns) {
        checkRows(rowsAreColumns);
        for (int e = 0; e < rowsAreColumns.cols(); e++) {
            for (int j = 0; j < offsets.length; j++) {
                rowsAreColumns.set(j, e, scale(j, rowsAreColumns.get(j, e)));
            }
        }
    }

    /** Unscales, in place, a matrix with one row per column of this scaler (for example predictions x examples). */
    public void unscaleInPlace(Matrix rowsAreColumns) {
        checkRows(rowsAreColumns);
        for (int e = 0; e < rowsAreColumns.cols(); e++) {
            for (int j = 0; j < offsets.length; j++) {
                rowsAreColumns.set(j, e, unscale(j, rowsAreColumns.get(j, e)));
            }
        }
    }

    private void checkRows(Matrix m) {
        if (m.rows() != offsets.length) {
            throw new ShapeException("a scaler of " + offsets.length + " columns cannot scale the rows of a "
                    + m.shape() + " matrix");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureScaler s && Arrays.equals(offsets, s.offsets) && Arrays.equals(scales, s.scales);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(offsets) + Arrays.hashCode(scales);
    }

    @Override
    public String toString() {
        return "FeatureScaler(" + offsets.length + " columns" + (isIdentity() ? ", identity)" : ")");
    }
}
