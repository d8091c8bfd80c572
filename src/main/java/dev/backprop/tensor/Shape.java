package dev.backprop.tensor;

/** The number of rows and columns of a matrix; printed as {@code rowsxcols}. */
public record Shape(int rows, int cols) {

    public Shape {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative dimension in shape " + rows + "x" + cols);
        }
    }

    public static Shape of(int rows, int cols) {
        return new Shape(rows, cols);
    }

    /** The number of values, rows times columns. */
    public int size() {
        return Math.multiplyExact(rows, cols);
    }

    /** Throws {@link ShapeException} naming both shapes unless {@code other} is the same shape. */
    public void requireSame(Shape other, String what) {
        if (!equals(other)) {
            throw new ShapeException(what + ": shapes differ, " + this + " and " + other);
        }
    }

    @Override
    public String toString() {
        return rows + "x" + cols;
    }
}
