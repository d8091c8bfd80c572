package dev.backprop.tensor;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * A dense column-major matrix: {@code rows * cols} values stored contiguously from an offset of a primitive array.
 * Element (r, c) is at linear index {@code r + c * rows}. Views ({@link #view}, {@link #columns}) share the array.
 *
 * <p>The elementwise kernels are written once here against {@link #get(int)} and {@link #set(int, double)}, and the
 * ones a gradient pass runs on every block (fill, copy, axpy, scale, sum, dot, the column-vector broadcast and the
 * row sums) are overridden in the two subclasses by loops over their arrays, which the JIT can vectorise. Kernels that combine matrices require equal shapes and precisions and
 * say both shapes when they differ.
 */
public abstract sealed class Matrix permits DoubleMatrix, FloatMatrix {

    protected final int rows;
    protected final int cols;
    protected final int offset;

    protected Matrix(int rows, int cols, int offset) {
        if (rows < 0 || cols < 0) {
            throw new ShapeException("negative dimension in shape " + rows + "x" + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.offset = offset;
    }

    /** A new matrix of zeros. */
    public static Matrix zeros(Precision precision, int rows, int cols) {
        int size = Shape.of(rows, cols).size();
        return precision == Precision.DOUBLE
                ? new DoubleMatrix(new double[size], 0, rows, cols)
                : new FloatMatrix(new float[size], 0, rows, cols);
    }

    /** A new matrix of zeros of the given shape. */
    public static Matrix zeros(Precision precision, Shape shape) {
        return zeros(precision, shape.rows(), shape.cols());
    }

    /** A new matrix holding {@code values} given column by column. */
    public static Matrix of(Precision precision, int rows, int cols, double... values) {
        Matrix m = zeros(precision, rows, cols);
        if (values.length != m.size()) {
            throw new ShapeException("matrix " + rows + "x" + cols + " needs " + m.size() + " values, got "
                    + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            m.set(i, values[i]);
        }
        return m;
    }

    /** A 1x1 matrix holding {@code value}. */
    public static Matrix scalar(Precision precision, double value) {
        return of(precision, 1, 1, value);
    }

    public abstract Precision precision();

    /** Value at linear (column-major) index {@code i}. */
    public abstract double get(int i);

    /** Sets the value at linear index {@code i} (rounded to float for float matrices). */
    public abstract void set(int i, double value);

    /** A matrix of {@code rows x cols} values that starts {@code start} values into this one and shares its array. */
    public abstract Matrix view(int start, int rows, int cols);

    /** A new matrix of zeros with this precision. */
    public Matrix newZeros(int rows, int cols) {
        return zeros(precision(), rows, cols);
    }

    public final int rows() {
        return rows;
    }

    public final int cols() {
        return cols;
    }

    public final int size() {
        return rows * cols;
    }

    /** Offset of element (0, 0) in the backing array. */
    public final int offset() {
        return offset;
    }

    public final Shape shape() {
        return new Shape(rows, cols);
    }

    public final boolean hasShape(Shape shape) {
        return rows == shape.rows() && cols == shape.cols();
    }

    public final double get(int row, int col) {
        return get(row + col * rows);
    }

    public final void set(int row, int col, double value) {
        set(row + col * rows, value);
    }

    /** Columns {@code from} (inclusive) to {@code to} (exclusive), as a view. */
    public final Matrix columns(int from, int to) {
        if (from < 0 || to > cols || from > to) {
            throw new ShapeException("columns " + from + ".." + to + " out of range for " + shape());
        }
        return view(from * rows, rows, to - from);
    }

    /** The same values seen as a {@code rows x cols} matrix of equal size. */
    public final Matrix reshape(int newRows, int newCols) {
        if ((long) newRows * newCols != size()) {
            throw new ShapeException("cannot reshape " + shape() + " to " + newRows + "x" + newCols);
        }
        return view(0, newRows, newCols);
    }

    final void checkRange(int start, int viewRows, int viewCols) {
        long end = (long) start + (long) viewRows * viewCols;
        if (start < 0 || viewRows < 0 || viewCols < 0 || end > size()) {
            throw new ShapeException("view of " + viewRows + "x" + viewCols + " at " + start
                    + " does not fit in " + shape());
        }
    }

    final void requireSameShape(Matrix other, String what) {
        if (rows != other.rows || cols != other.cols) {
            throw new ShapeException(what + ": shapes differ, " + shape() + " and " + other.shape());
        }
        if (precision() != other.precision()) {
            throw new IllegalArgumentException(what + ": precisions differ, " + precision() + " and "
                    + other.precision());
        }
    }

    // ---- whole-matrix kernels -------------------------------------------------------------------------------

    public void fill(double value) {
        for (int i = 0, n = size(); i < n; i++) {
            set(i, value);
        }
    }

    public void copyFrom(Matrix source) {
        requireSameShape(source, "copy");
        for (int i = 0, n = size(); i < n; i++) {
            set(i, source.get(i));
        }
    }

    /** A new matrix with the same shape, precision and values. */
    public Matrix copy() {
        Matrix m = newZeros(rows, cols);
        m.copyFrom(this);
        return m;
    }

    /** A new matrix with the same shape and values in {@code target} precision. */
    public Matrix toPrecision(Precision target) {
        Matrix m = zeros(target, rows, cols);
        for (int i = 0, n = size(); i < n; i++) {
            m.set(i, get(i));
        }
        return m;
    }

    /** {@code this += alpha * x}. */
    public void axpy(double alpha, Matrix x) {
        requireSameShape(x, "axpy");
        for (int i = 0, n = size(); i < n; i++) {
            set(i, get(i) + alpha * x.get(i));
        }
    }

    /** {@code this *= alpha}. */
    public void scale(double alpha) {
        for (int i = 0, n = size(); i < n; i++) {
            set(i, get(i) * alpha);
        }
    }

    /** Sum of all values, accumulated in double. */
    public double sum() {
        double s = 0;
        for (int i = 0, n = size(); i < n; i++) {
            s += get(i);
        }
        return s;
    }

    /** Sum of products with {@code other}, accumulated in double. */
    public double dot(Matrix other) {
        requireSameShape(other, "dot");
        double s = 0;
        for (int i = 0, n = size(); i < n; i++) {
            s += get(i) * other.get(i);
        }
        return s;
    }

    /** Euclidean (Frobenius) norm, accumulated in double. */
    public double norm() {
        return Math.sqrt(dot(this));
    }

    /** {@code out[i] = f(this[i])}. */
    public void map(DoubleUnaryOperator f, Matrix out) {
        requireSameShape(out, "map");
        for (int i = 0, n = size(); i < n; i++) {
            out.set(i, f.applyAsDouble(get(i)));
        }
    }

    /** {@code out[i] = f(this[i], other[i])}. */
    public void zip(Matrix other, DoubleBinaryOperator f, Matrix out) {
        requireSameShape(other, "zip");
        requireSameShape(out, "zip");
        for (int i = 0, n = size(); i < n; i++) {
            out.set(i, f.applyAsDouble(get(i), other.get(i)));
        }
    }

    /** {@code this[i] += f(a[i], b[i])}. */
    public void addZip(Matrix a, Matrix b, DoubleBinaryOperator f) {
        requireSameShape(a, "addZip");
        requireSameShape(b, "addZip");
        for (int i = 0, n = size(); i < n; i++) {
            set(i, get(i) + f.applyAsDouble(a.get(i), b.get(i)));
        }
    }

    /** {@code this[i] += f(a[i], b[i], c[i])}. */
    public void addZip3(Matrix a, Matrix b, Matrix c, DoubleTernaryOperator f) {
        requireSameShape(a, "addZip3");
        requireSameShape(b, "addZip3");
        requireSameShape(c, "addZip3");
        for (int i = 0, n = size(); i < n; i++) {
            set(i, get(i) + f.apply(a.get(i), b.get(i), c.get(i)));
        }
    }

    // ---- column-broadcast kernels ---------------------------------------------------------------------------

    /** {@code out[:, j] = this[:, j] + v} for every column j, where {@code v} is a column vector. */
    public void addColumnVector(Matrix v, Matrix out) {
        if (v.rows != rows || v.cols != 1) {
            throw new ShapeException("broadcast add: column vector " + v.shape() + " does not fit " + shape());
        }
        requireSameShape(out, "broadcast add");
        for (int c = 0; c < cols; c++) {
            int base = c * rows;
            for (int r = 0; r < rows; r++) {
                out.set(base + r, get(base + r) + v.get(r));
            }
        }
    }

    /** {@code target[r] += sum over columns of this[r, :]}, where {@code target} is a column vector. */
    public void addRowSumsTo(Matrix target) {
        if (target.rows != rows || target.cols != 1) {
            throw new ShapeException("row sums: target " + target.shape() + " does not fit " + shape());
        }
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int c = 0; c < cols; c++) {
                s += get(r + c * rows);
            }
            target.set(r, target.get(r) + s);
        }
    }

    /** Values as a new double array, column by column. */
    public double[] toDoubleArray() {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = get(i);
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(precision().name().toLowerCase()).append(' ').append(shape());
        if (size() <= 16) {
            sb.append(' ').append(java.util.Arrays.toString(toDoubleArray()));
        }
        return sb.toString();
    }
}
