package dev.backprop.tensor;

/** A matrix of 32-bit values in a {@code float[]}; values set as doubles are rounded to float. */
public final class FloatMatrix extends Matrix {

    private final float[] data;

    public FloatMatrix(float[] data, int offset, int rows, int cols) {
        super(rows, cols, offset);
        if (offset < 0 || (long) offset + (long) rows * cols > data.length) {
            throw new ShapeException(rows + "x" + cols + " at offset " + offset + " does not fit an array of "
                    + data.length);
        }
        this.data = data;
    }

    /** The backing array; element (0, 0) is at {@link #offset()}. */
    public float[] data() {
        return data;
    }

    @Override
    public Precision precision() {
        return Precision.FLOAT;
    }

    @Override
    public double get(int i) {
        return data[offset + i];
    }

    @Override
    public void set(int i, double value) {
        data[offset + i] = (float) value;
    }

    @Override
    public Matrix view(int start, int viewRows, int viewCols) {
        checkRange(start, viewRows, viewCols);
        return new FloatMatrix(data, offset + start, viewRows, viewCols);
    }
}
