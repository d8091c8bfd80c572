package dev.backprop.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Class weights: scikit-learn's {@code balanced} formula {@code n_samples / (n_classes * count_k)} (as
 * {@code sklearn.utils.class_weight.compute_class_weight} evaluates it in float64), explicit weights, and the weight
 * of a label.
 */
class ClassWeightsTest {

    @Test
    void balancedMatchesScikitLearnsFormulaOnKnownCounts() {
        // compute_class_weight("balanced", classes=[0, 1, 2], y) with 50, 30 and 20 examples:
        // 100 / (3 * [50, 30, 20]) = [2/3, 10/9, 5/3].
        ClassWeights w = ClassWeights.balanced(new long[] {50, 30, 20});
        assertEquals(3, w.classes());
        assertArrayEquals(new double[] {100.0 / 150, 100.0 / 90, 100.0 / 60}, w.toArray(), 0);
        assertEquals(2.0 / 3, w.weightOf(0), 1e-16);
        assertEquals(10.0 / 9, w.weightOf(1), 1e-15);
        assertEquals(5.0 / 3, w.weightOf(2), 1e-15);
        // y = [0, 0, 0, 1]: 4 / (2 * [3, 1]) = [0.666..., 2].
        assertArrayEquals(new double[] {4.0 / 6, 2}, ClassWeights.balanced(new long[] {3, 1}).toArray(), 0);
        // Already balanced data: every weight is 1.
        assertArrayEquals(new double[] {1, 1, 1, 1}, ClassWeights.balanced(new long[] {7, 7, 7, 7}).toArray(), 0);
    }

    @Test
    void balancedGivesEveryClassTheSameTotalWeightAndKeepsTheTotal() {
        long[] counts = {912, 3, 85, 1, 4000};
        long samples = 0;
        for (long c : counts) {
            samples += c;
        }
        double[] w = ClassWeights.balanced(counts).toArray();
        double total = 0;
        for (int k = 0; k < counts.length; k++) {
            assertEquals((double) samples / counts.length, counts[k] * w[k], 1e-12 * samples, "class " + k);
            assertEquals(samples / ((double) counts.length * counts[k]), w[k], 0, "the formula, in float64");
            total += counts[k] * w[k];
        }
        assertEquals(samples, total, 1e-12 * samples);
    }

    @Test
    void balancedRefusesAClassWithoutExamplesNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassWeights.balanced(new long[] {5, 0, 2}));
        assertTrue(e.getMessage().contains("class 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClassWeights.balanced(new long[] {5, -1}));
        assertThrows(IllegalArgumentException.class, () -> ClassWeights.balanced(new long[0]));
    }

    @Test
    void explicitWeightsAreCopiedAndKept() {
        double[] given = {1, 0, 2.5};
        ClassWeights w = ClassWeights.explicit(given);
        given[0] = 99;
        assertArrayEquals(new double[] {1, 0, 2.5}, w.toArray(), 0);
        assertEquals(0, w.weightOf(1.0));
        assertEquals(ClassWeights.explicit(new double[] {1, 0, 2.5}), w);
        assertEquals(ClassWeights.explicit(new double[] {1, 0, 2.5}).hashCode(), w.hashCode());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, Double.NaN, Double.POSITIVE_INFINITY})
    void explicitWeightsMustBeFiniteAndNonNegative(double bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassWeights.explicit(new double[] {1, bad}));
        assertTrue(e.getMessage().contains("class 1"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, 3, 0.5, Double.NaN})
    void weightOfALabelOutsideTheClassesIsRefused(double label) {
        ClassWeights w = ClassWeights.explicit(new double[] {1, 2, 3});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.weightOf(label));
        assertTrue(e.getMessage().contains("0..2"), e.getMessage());
    }

    @Test
    void serializableForSparkClosures() throws IOException, ClassNotFoundException {
        ClassWeights w = ClassWeights.balanced(new long[] {3, 1});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(w);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(w, in.readObject());
        }
    }
}
