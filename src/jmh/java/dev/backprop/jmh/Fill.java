package dev.backprop.jmh;

import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;

import java.util.SplittableRandom;

/** Deterministic benchmark inputs: matrices filled from a fixed seed, so every run measures the same data. */
final class Fill {

    /** The seed of every fill; each matrix also mixes in its own salt so that inputs differ from each other. */
    static final long SEED = 20240611L;

    private Fill() {
    }

    /** A new {@code rows x cols} matrix of values uniform in {@code [-scale, scale)}. */
    static Matrix uniform(Precision precision, int rows, int cols, double scale, long salt) {
        Matrix m = Matrix.zeros(precision, rows, cols);
        SplittableRandom random = new SplittableRandom(SEED ^ (salt * 0x9E3779B97F4A7C15L));
        for (int i = 0, n = m.size(); i < n; i++) {
            m.set(i, scale * (2 * random.nextDouble() - 1));
        }
        return m;
    }

    /** A new {@code classes x cols} matrix of one-hot columns, the class of each column drawn from the seed. */
    static Matrix oneHot(Precision precision, int classes, int cols, long salt) {
        Matrix m = Matrix.zeros(precision, classes, cols);
        SplittableRandom random = new SplittableRandom(SEED ^ (salt * 0x9E3779B97F4A7C15L));
        for (int c = 0; c < cols; c++) {
            m.set(random.nextInt(classes), c, 1);
        }
        return m;
    }
}
