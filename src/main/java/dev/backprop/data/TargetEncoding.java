package dev.backprop.data;

import dev.backprop.tensor.Matrix;

/** How a label becomes a column of the target matrix. */
public sealed interface TargetEncoding extends java.io.Serializable {

    /** Rows of the target matrix. */
    int width();

    /** Writes the target of {@code label} into column {@code column} of {@code targets}. */
    void encode(double label, Matrix targets, int column, String source, long line);

    /** Throws {@link DataFormatException} naming {@code source} and {@code line} if {@code label} cannot be encoded. */
    void check(double label, String source, long line);

    /** Class labels 0..classes-1 as one-hot columns (softmax outputs). */
    record OneHot(int classes) implements TargetEncoding {
        @Override
        public int width() {
            return classes;
        }

        @Override
        public void encode(double label, Matrix targets, int column, String source, long line) {
            int k = classIndex(label, classes, source, line);
            targets.set(k, column, 1);
        }

        @Override
        public void check(double label, String source, long line) {
            classIndex(label, classes, source, line);
        }
    }

    /** Class labels 0 or 1 as a single 0/1 row (sigmoid outputs). */
    record Binary() implements TargetEncoding {
        @Override
        public int width() {
            return 1;
        }

        @Override
        public void encode(double label, Matrix targets, int column, String source, long line) {
            targets.set(0, column, classIndex(label, 2, source, line));
        }

        @Override
        public void check(double label, String source, long line) {
            classIndex(label, 2, source, line);
        }
    }

    /** A real-valued label as is (regression with one output). */
    record Value() implements TargetEncoding {
        @Override
        public int width() {
            return 1;
        }

        @Override
        public void encode(double label, Matrix targets, int column, String source, long line) {
            targets.set(0, column, label);
        }

        @Override
        public void check(double label, String source, long line) {
            if (!Double.isFinite(label)) {
                throw new DataFormatException(source, line, "target " + label + " is not a finite number");
            }
        }
    }

    private static int classIndex(double label, int classes, String source, long line) {
        int k = (int) label;
        if (k != label || k < 0 || k >= classes) {
            throw new DataFormatException(source, line, "label " + label + " is not a class in 0.." + (classes - 1)
                    + " (" + classes + " classes declared)");
        }
        return k;
    }
}
