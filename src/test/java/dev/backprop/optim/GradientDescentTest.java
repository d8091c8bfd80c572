package dev.backprop.optim;

import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import dev.backprop.tensor.ShapeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** w <- w - alpha (g + lambda m w), checked on values where every step is exact in binary. */
class GradientDescentTest {

    private static Matrix column(Precision precision, double... values) {
        return Matrix.of(precision, values.length, 1, values);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void updateMatchesTheHandComputedStep(Precision precision) {
        Matrix w = column(precision, 1, -2, 0.5, 3);
        Matrix g = column(precision, 0.25, 0.5, -0.75, 0);
        Matrix m = column(precision, 1, 1, 0, 1); // entry 2 is a bias: not regularized
        new GradientDescent(0.5, 0.25, m).update(w, g);
        // 1 - 0.5 (0.25 + 0.25) = 0.75;  -2 - 0.5 (0.5 - 0.5) = -2;  0.5 - 0.5 (-0.75) = 0.875;  3 - 0.5 (0.75) = 2.625
        assertArrayEquals(new double[] {0.75, -2, 0.875, 2.625}, w.toDoubleArray());
        assertArrayEquals(new double[] {0.25, 0.5, -0.75, 0}, g.toDoubleArray(), "gradient was modified");
    }

    @Test
    void withoutL2TheMaskDoesNotMatter() {
        Matrix w = column(Precision.DOUBLE, 1, 2);
        new GradientDescent(0.125, 0, column(Precision.DOUBLE, 1, 1)).update(w, column(Precision.DOUBLE, 8, -4));
        assertArrayEquals(new double[] {0, 2.5}, w.toDoubleArray());
    }

    @Test
    void aZeroGradientOnlyShrinksMaskedWeights() {
        Matrix w = column(Precision.DOUBLE, 4, 4);
        new GradientDescent(0.5, 0.5, column(Precision.DOUBLE, 1, 0)).update(w, column(Precision.DOUBLE, 0, 0));
        assertArrayEquals(new double[] {3, 4}, w.toDoubleArray()); // 4 (1 - 0.5 * 0.5)
    }

    @Test
    void penaltyIsHalfLambdaTimesTheMaskedSumOfSquares() {
        GradientDescent rule = new GradientDescent(0.5, 0.25, column(Precision.DOUBLE, 1, 1, 0, 1));
        // 0.25 / 2 * (1 + 4 + 9); the unmasked 0.5 does not count
        assertEquals(1.75, rule.penalty(column(Precision.DOUBLE, 1, -2, 0.5, 3)));
        assertEquals(0, new GradientDescent(0.5, 0, column(Precision.DOUBLE, 1)).penalty(column(Precision.DOUBLE, 7)));
    }

    @Test
    void penaltyIsTheObjectiveWhoseGradientTheUpdateAdds() {
        // d penalty / d w_i = lambda m_i w_i: a central difference of penalty() matches the step's regularizer.
        Matrix mask = column(Precision.DOUBLE, 1, 0, 1);
        GradientDescent rule = new GradientDescent(1, 0.3, mask);
        Matrix w = column(Precision.DOUBLE, 0.7, -1.1, 2.3);
        Matrix stepped = w.copy();
        rule.update(stepped, column(Precision.DOUBLE, 0, 0, 0)); // w - (lambda m w)
        for (int i = 0; i < 3; i++) {
            Matrix plus = w.copy();
            Matrix minus = w.copy();
            plus.set(i, w.get(i) + 1e-6);
            minus.set(i, w.get(i) - 1e-6);
            double numeric = (rule.penalty(plus) - rule.penalty(minus)) / 2e-6;
            assertEquals(numeric, w.get(i) - stepped.get(i), 1e-8, "entry " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void rejectsBadLearningRates(double alpha) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GradientDescent(alpha, 0, column(Precision.DOUBLE, 1)));
        assertTrue(e.getMessage().contains("learning rate") && e.getMessage().contains(String.valueOf(alpha)),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1e-9, -1, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsBadL2Strengths(double lambda) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GradientDescent(0.1, lambda, column(Precision.DOUBLE, 1)));
        assertTrue(e.getMessage().contains("L2") && e.getMessage().contains(String.valueOf(lambda)), e.getMessage());
    }

    @Test
    void acceptsZeroL2AndReportsItsSettings() {
        GradientDescent rule = new GradientDescent(0.01, 0, column(Precision.DOUBLE, 1));
        assertEquals(0.01, rule.learningRate());
        assertEquals(0, rule.l2());
    }

    @Test
    void rejectsAGradientOfAnotherShapeNamingTheShapes() {
        GradientDescent rule = new GradientDescent(0.1, 0.1, column(Precision.DOUBLE, 1, 1, 1));
        Matrix w = column(Precision.DOUBLE, 1, 2, 3);
        ShapeException e = assertThrows(ShapeException.class, () -> rule.update(w, column(Precision.DOUBLE, 1, 2)));
        assertTrue(e.getMessage().contains("3x1") && e.getMessage().contains("2x1"), e.getMessage());
        assertArrayEquals(new double[] {1, 2, 3}, w.toDoubleArray(), "weights changed by a refused update");
    }

    @Test
    void rejectsWeightsThatDoNotFitTheMask() {
        GradientDescent rule = new GradientDescent(0.1, 0.1, column(Precision.DOUBLE, 1, 1, 1));
        Matrix w = column(Precision.DOUBLE, 1, 2, 3, 4);
        ShapeException e = assertThrows(ShapeException.class, () -> rule.update(w, column(Precision.DOUBLE, 0, 0, 0, 0)));
        assertTrue(e.getMessage().contains("4x1") && e.getMessage().contains("3x1"), e.getMessage());
        assertThrows(ShapeException.class, () -> rule.update(Matrix.zeros(Precision.DOUBLE, 1, 3),
                Matrix.zeros(Precision.DOUBLE, 1, 3)));
    }

    @Test
    void penaltyRejectsWeightsThatDoNotFitTheMask() {
        GradientDescent rule = new GradientDescent(0.1, 0.1, column(Precision.DOUBLE, 1, 1, 1));
        ShapeException shorter = assertThrows(ShapeException.class, () -> rule.penalty(column(Precision.DOUBLE, 1, 2)));
        assertTrue(shorter.getMessage().contains("2x1") && shorter.getMessage().contains("3x1"), shorter.getMessage());
        assertThrows(ShapeException.class, () -> rule.penalty(column(Precision.DOUBLE, 1, 2, 3, 4)));
    }
}
