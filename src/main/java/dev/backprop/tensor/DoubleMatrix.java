package dev.backprop.tensor;

/** A matrix of 64-bit values in a {@code double[]}. */
public final class DoubleMatrix extends Matrix {

    private final double[] data;

    public DoubleMatrix(double[] data, int offset, int rows, int cols) {
        super(rows, cols, offset);
        if (offset < 0 || (long) offset + (long) rows * cols > data.length) {
            throw new ShapeException(rows + "x" + cols + " at offset " + offset + " does not fit an array of "
                    + data.length);
        }
        this.data = data;
    }

    /** The backing array; element (0, 0) is at {@link #offset()}. */
    public double[] data() {
        return data;
    }

    @Override
    public Precision precision() {
        return Precision.DOUBLE;
    }

    @Override
    public double get(int i) {
        return data[offset + i];
    }

    @Override
    public void set(int i, double value) {
        data[offset + i] = value;
    }

    @Override
    public Matrix view(int start, int viewRows, int viewCols) {
        checkRange(start, viewRows, viewCols);
        return new DoubleMatrix(data, offset + start, viewRows, viewCols);
    }

    // ---- the hot kernels over the array (the base class's versions go through get and set) -------------------

    @Override
    public void fill(double value) {
        java.util.Arrays.fill(data, offset, offset + size(), value);
    }

    @Override
    public void copyFrom(Matrix source) {
        requireSameShape(source, "copy");
        DoubleMatrix s = (DoubleMatrix) source;
        System.arraycopy(s.data, s.offset, data, offset, size());
    }

    @Override
    public void axpy(double alpha, Matrix x) {
        requireSameShape(x, "axpy");
        double[] xs = ((DoubleMatrix) x).data;
        int xo = x.offset;
        for (int i = 0, n = size(); i < n; i++) {
            data[offset + i] += alpha * xs[xo + i];
        }
    }

    @Override
    public void scale(double alpha) {
        for (int i = offset, end = offset + size(); i < end; i++) {
            data[i] *= alpha;
        }
    }

    @Override
    public double sum() {
        double s = 0;
        for (int i = offset, end = offset + size(); i < end; i++) {
            s += data[i];
        }
        return s;
    }

    @Override
    public double dot(Matrix other) {
        requireSameShape(other, "dot");
        double[] os = ((DoubleMatrix) other).data;
        int oo = other.offset;
        double s = 0;
        for (int i = 0, n = size(); i < n; i++) {
            s += data[offset + i] * os[oo + i];
        }
        return s;
    }

    @Override
    public void addColumnVector(Matrix v, Matrix out) {
        if (v.rows != rows || v.cols != 1) {
            throw new ShapeException("broadcast add: column vector " + v.shape() + " does not fit " + shape());
        }
        requireSameShape(out, "broadcast add");
        if (!(v instanceof DoubleMatrix)) {
            super.addColumnVector(v, out);
            return;
        }
        double[] vs = ((DoubleMatrix) v).data;
        double[] os = ((DoubleMatrix) out).data;
        int vo = v.offset;
        for (int c = 0; c < cols; c++) {
            int in = offset + c * rows;
            int o = out.offset + c * rows;
            for (int r = 0; r < rows; r++) {
                os[o + r] = data[in + r] + vs[vo + r];
            }
        }
    }

    @Override
    public void addRowSumsTo(Matrix target) {
        if (target.rows != rows || target.cols != 1) {
            throw new ShapeException("row sums: target " + target.shape() + " does not fit " + shape());
        }
        if (target.precision() != precision()) {
            super.addRowSumsTo(target);
            return;
        }
        // Column by column (contiguous), summing in double per row, as the base class does row by row.
        double[] sums = new double[rows];
        for (int c = 0; c < cols; c++) {
            int base = offset + c * rows;
            for (int r = 0; r < rows; r++) {
                sums[r] += data[base + r];
            }
        }
        double[] ts = ((DoubleMatrix) target).data;
        for (int r = 0; r < rows; r++) {
            ts[target.offset + r] = ts[target.offset + r] + sums[r];
        }
    }
}
