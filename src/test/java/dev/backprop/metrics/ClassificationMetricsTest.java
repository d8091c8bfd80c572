package dev.backprop.metrics;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Metrics of hand-made confusion matrices against scikit-learn's documented examples and values worked out by
 * hand, including its {@code zero_division=0} cases.
 */
class ClassificationMetricsTest {

    private static final double EPS = 1e-12;

    /** The confusion matrix of label lists (row: true class, column: predicted class). */
    private static ClassificationMetrics of(int classes, int[] actual, int[] predicted) {
        long[][] confusion = new long[classes][classes];
        for (int i = 0; i < actual.length; i++) {
            confusion[actual[i]][predicted[i]]++;
        }
        return ClassificationMetrics.of(confusion);
    }

    @Test
    void scikitLearnsClassificationReportExample() {
        // classification_report([0, 1, 2, 2, 2], [0, 0, 2, 2, 1]):
        //          precision recall f1-score support
        // class 0       0.50   1.00     0.67       1
        // class 1       0.00   0.00     0.00       1
        // class 2       1.00   0.67     0.80       3
        // accuracy                      0.60       5
        // macro avg     0.50   0.56     0.49       5
        // weighted avg  0.70   0.60     0.61       5
        ClassificationMetrics m = of(3, new int[]{0, 1, 2, 2, 2}, new int[]{0, 0, 2, 2, 1});
        assertEquals(0.5, m.precision(0), EPS);
        assertEquals(0, m.precision(1), EPS);
        assertEquals(1, m.precision(2), EPS);
        assertEquals(1, m.recall(0), EPS);
        assertEquals(0, m.recall(1), EPS);
        assertEquals(2.0 / 3, m.recall(2), EPS);
        assertEquals(2.0 / 3, m.f1(0), EPS);
        assertEquals(0, m.f1(1), EPS);
        assertEquals(0.8, m.f1(2), EPS);
        assertEquals(1, m.support(0));
        assertEquals(1, m.support(1));
        assertEquals(3, m.support(2));
        assertEquals(5, m.total());
        assertEquals(0.6, m.accuracy(), EPS);
        assertEquals(0.5, m.macroPrecision(), EPS);
        assertEquals((1 + 0 + 2.0 / 3) / 3, m.macroRecall(), EPS);
        assertEquals((2.0 / 3 + 0 + 0.8) / 3, m.macroF1(), EPS);
        assertEquals(0.7, m.weightedPrecision(), EPS);
        assertEquals(0.6, m.weightedRecall(), EPS);
        assertEquals((2.0 / 3 + 3 * 0.8) / 5, m.weightedF1(), EPS);
        // The printed, rounded values of the report.
        assertEquals(0.56, m.macroRecall(), 0.005);
        assertEquals(0.49, m.macroF1(), 0.005);
        assertEquals(0.61, m.weightedF1(), 0.005);
    }

    @Test
    void scikitLearnsPrecisionRecallFscoreSupportExample() {
        // y_true = [cat, dog, pig, cat, dog, pig], y_pred = [cat, pig, dog, cat, cat, dog]:
        // macro (0.22, 0.33, 0.26), weighted (0.22, 0.33, 0.26).
        int cat = 0;
        int dog = 1;
        int pig = 2;
        ClassificationMetrics m = of(3, new int[]{cat, dog, pig, cat, dog, pig},
                new int[]{cat, pig, dog, cat, cat, dog});
        assertEquals(2.0 / 9, m.macroPrecision(), EPS);
        assertEquals(1.0 / 3, m.macroRecall(), EPS);
        assertEquals(0.8 / 3, m.macroF1(), EPS);
        assertEquals(2.0 / 9, m.weightedPrecision(), EPS);
        assertEquals(1.0 / 3, m.weightedRecall(), EPS);
        assertEquals(0.8 / 3, m.weightedF1(), EPS);
    }

    @Test
    void aClassNeverPredictedHasPrecisionZeroAsWithZeroDivisionZero() {
        // precision_score([0, 1, 2, 0, 1, 2], [0, 0, 0, 0, 0, 0], average=None) -> [0.333, 0, 0]
        ClassificationMetrics m = of(3, new int[]{0, 1, 2, 0, 1, 2}, new int[]{0, 0, 0, 0, 0, 0});
        assertEquals(1.0 / 3, m.precision(0), EPS);
        assertEquals(0, m.precision(1), EPS);
        assertEquals(0, m.precision(2), EPS);
        assertEquals(1, m.recall(0), EPS);
        assertEquals(0, m.recall(1), EPS);
        assertEquals(0.5, m.f1(0), EPS);
        assertEquals(0, m.f1(2), EPS);
        assertEquals(1.0 / 9, m.macroPrecision(), EPS);
        assertEquals(1.0 / 3, m.macroRecall(), EPS);
        assertEquals(0.5 / 3, m.macroF1(), EPS);
        assertEquals(0, m.predictedCount(1));
        assertTrue(m.isPresent(1), "a class that occurs counts in the macro averages");
    }

    @Test
    void aClassPredictedButAbsentHasRecallZeroAndCountsInTheMacroAverages() {
        // precision_score([0, 0], [0, 1], average='macro') = (1 + 0) / 2; recall_score(...) = (0.5 + 0) / 2
        ClassificationMetrics m = of(2, new int[]{0, 0}, new int[]{0, 1});
        assertEquals(1, m.precision(0), EPS);
        assertEquals(0, m.precision(1), EPS);
        assertEquals(0.5, m.recall(0), EPS);
        assertEquals(0, m.recall(1), EPS);
        assertEquals(2.0 / 3, m.f1(0), EPS);
        assertEquals(0, m.f1(1), EPS);
        assertEquals(0.5, m.macroPrecision(), EPS);
        assertEquals(0.25, m.macroRecall(), EPS);
        assertEquals(1.0 / 3, m.macroF1(), EPS);
        assertEquals(0, m.support(1));
        assertEquals(1, m.predictedCount(1));
        assertEquals(1, m.weightedPrecision(), EPS, "weighted by support: the absent class weighs 0");
    }

    @Test
    void aClassNeitherPresentNorPredictedIsLeftOutOfTheMacroAverages() {
        ClassificationMetrics three = of(3, new int[]{0, 1, 2, 2, 2}, new int[]{0, 0, 2, 2, 1});
        ClassificationMetrics four = of(4, new int[]{0, 1, 2, 2, 2}, new int[]{0, 0, 2, 2, 1});
        assertFalse(four.isPresent(3));
        assertEquals(0, four.precision(3));
        assertEquals(0, four.recall(3));
        assertEquals(0, four.f1(3));
        assertEquals(three.macroPrecision(), four.macroPrecision(), EPS);
        assertEquals(three.macroRecall(), four.macroRecall(), EPS);
        assertEquals(three.macroF1(), four.macroF1(), EPS);
        assertEquals(three.weightedF1(), four.weightedF1(), EPS);
        assertEquals(three.accuracy(), four.accuracy(), EPS);
    }

    @Test
    void binaryCountsWorkedOutByHand() {
        // tp = 30, fn = 10, fp = 5, tn = 55 (class 1 positive).
        ClassificationMetrics m = ClassificationMetrics.of(new long[][]{{55, 5}, {10, 30}});
        assertEquals(30.0 / 35, m.precision(1), EPS);
        assertEquals(30.0 / 40, m.recall(1), EPS);
        assertEquals(60.0 / 75, m.f1(1), EPS);
        assertEquals(55.0 / 65, m.precision(0), EPS);
        assertEquals(55.0 / 60, m.recall(0), EPS);
        assertEquals(110.0 / 125, m.f1(0), EPS);
        assertEquals(0.85, m.accuracy(), EPS);
        assertEquals(m.accuracy(), m.weightedRecall(), EPS);
        assertEquals((60.0 / 75 + 110.0 / 125) / 2, m.macroF1(), EPS);
        assertEquals((60 * 55.0 / 65 + 40 * 30.0 / 35) / 100, m.weightedPrecision(), EPS);
    }

    @Test
    void f1IsTheHarmonicMeanOfPrecisionAndRecallWhereBothAreDefined() {
        Random random = new Random(5);
        long[][] confusion = new long[5][5];
        for (long[] row : confusion) {
            for (int c = 0; c < row.length; c++) {
                row[c] = random.nextInt(20);
            }
        }
        ClassificationMetrics m = ClassificationMetrics.of(confusion);
        for (int k = 0; k < 5; k++) {
            double p = m.precision(k);
            double r = m.recall(k);
            assertEquals(p + r == 0 ? 0 : 2 * p * r / (p + r), m.f1(k), 1e-12, "class " + k);
        }
    }

    @Test
    void anEmptyMatrixGivesZerosNotNaN() {
        ClassificationMetrics m = ClassificationMetrics.of(new long[3][3]);
        assertEquals(0, m.total());
        for (double v : new double[]{m.accuracy(), m.macroPrecision(), m.macroRecall(), m.macroF1(),
                m.weightedPrecision(), m.weightedRecall(), m.weightedF1(), m.precision(0), m.recall(1), m.f1(2)}) {
            assertEquals(0, v);
        }
    }

    @Test
    void rowMajorAndSquareFormsAgreeAndBadShapesAreRefused() {
        ClassificationMetrics square = ClassificationMetrics.of(new long[][]{{1, 2}, {3, 4}});
        ClassificationMetrics flat = ClassificationMetrics.ofRowMajor(new long[]{1, 2, 3, 4}, 2);
        assertEquals(square.confusion(1, 0), flat.confusion(1, 0));
        assertEquals(3, flat.confusion(1, 0));
        assertEquals(square.macroF1(), flat.macroF1(), 0);
        assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.of(new long[][]{{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.ofRowMajor(new long[3], 2));
        assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.of(new long[][]{{-1}}));
    }
}
