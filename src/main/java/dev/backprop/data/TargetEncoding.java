package dev.backprop.data;

import dev.backprop.tensor.Matrix;

/** How the label(s) of an example become a column of the target matrix. */
public sealed interface TargetEncoding extends java.io.Serializable {

    /** Rows of the target matrix. */
    int width();

    /** Writes the target of {@code labels} (an example's labels) into column {@code column} of {@code targets}. */
    void encode(double[] labels, Matrix targets, int column, String source, long line);

    /**
     * Throws {@link DataFormatException} naming {@code source} and {@code line} if {@code labels} cannot be
     * encoded.
     */
    void check(double[] labels, String source, long line);

    /** Class labels 0..classes-1 as one-hot columns (softmax outputs). */
    record OneHot(int classes) implements TargetEncoding {
        @Override
        public int width() {
            return classes;
        }

        @Override
        public void encode(double[] labels, Matrix targets, int column, String source, long line) {
            int k = classIndex(labels, classes, source, line);
            targets.set(k, column, 1);
        }

        @Override
        public void check(double[] labels, String source, long line) {
            classIndex(labels, classes, source, line);
        }
    }

    /** Class labels 0 or 1 as a single 0/1 row (sigmoid outputs). */
    record Binary() implements TargetEncoding {
        @Override
        public int width() {
            return 1;
        }

        @Override
        public void encode(double[] labels, Matrix targets, int column, String source, long line) {
            targets.set(0, column, classIndex(labels, 2, source, line));
        }

        @Override
        public void check(double[] labels, String source, long line) {
            classIndex(labels, 2, source, line);
        }
    }

    /**
     * Real-valued labels as they are, one row per regression target: {@code width} targets (1 for a single one),
     * each example with exactly that many labels.
     */
    record Value(int width) implements TargetEncoding {

        public Value {
            if (width < 1) {
                throw new IllegalArgumentException("a regression has at least one target, got " + width);
            }
        }

        /** One real-valued target. */
        public Value() {
            this(1);
        }

        @Override
        public void encode(double[] labels, Matrix targets, int column, String source, long line) {
            check(labels, source, line);
            for (int r = 0; r < width; r++) {
                targets.set(r, column, labels[r]);
            }
        }

        @Override
        public void check(double[] labels, String source, long line) {
            if (labels.length != width) {
                throw new DataFormatException(source, line, labels.length + " target" + (labels.length == 1 ? "" : "s")
                        + " where " + width + " were expected");
            }
            for (int r = 0; r < width; r++) {
                if (!Double.isFinite(labels[r])) {
                    throw new DataFormatException(source, line, "target " + labels[r] + " is not a finite number");
                }
            }
        }
    }

    private static int classIndex(double[] labels, int classes, String source, long line) {
        if (labels.length != 1) {
            throw new DataFormatException(source, line, labels.length + " labels where one class label was expected");
        }
        double label = labels[0];
        int k = (int) label;
        if (k != label || k < 0 || k >= classes) {
            throw new DataFormatException(source, line, "label " + label + " is not a class in 0.." + (classes - 1)
                    + " (" + classes + " classes declared)");
        }
        return k;
    }
}
