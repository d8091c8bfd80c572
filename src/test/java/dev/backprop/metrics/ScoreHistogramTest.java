package dev.backprop.metrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ROC AUC from score histograms against the exact Mann-Whitney statistic on the same scores, and on hand-made
 * cases: perfect, inverted, all tied, one class only.
 */
class ScoreHistogramTest {

    /** The exact AUC: the fraction of (positive, negative) pairs ordered right, ties one half; O(n^2). */
    static double exactAuc(double[] scores, boolean[] positive) {
        double right = 0;
        long pairs = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!positive[i]) {
                continue;
            }
            for (int j = 0; j < scores.length; j++) {
                if (positive[j]) {
                    continue;
                }
                pairs++;
                if (scores[i] > scores[j]) {
                    right += 1;
                } else if (scores[i] == scores[j]) {
                    right += 0.5;
                }
            }
        }
        return right / pairs;
    }

    private static ScoreHistogram histogram(double[] scores, boolean[] positive) {
        ScoreHistogram h = new ScoreHistogram();
        for (int i = 0; i < scores.length; i++) {
            h.add(scores[i], positive[i]);
        }
        return h;
    }

    /** Overlapping classes: positives skewed towards 1, negatives towards 0. */
    private static void randomScores(Random random, double[] scores, boolean[] positive) {
        for (int i = 0; i < scores.length; i++) {
            positive[i] = random.nextDouble() < 0.4;
            double u = random.nextDouble();
            scores[i] = positive[i] ? Math.pow(u, 0.6) : Math.pow(u, 1.8);
        }
    }

    @Test
    void agreesWithTheExactMannWhitneyStatisticOnRandomScores() {
        Random random = new Random(42);
        for (int trial = 0; trial < 5; trial++) {
            int n = 2000 + 1000 * trial;
            double[] scores = new double[n];
            boolean[] positive = new boolean[n];
            randomScores(random, scores, positive);
            ScoreHistogram h = histogram(scores, positive);
            double exact = exactAuc(scores, positive);
            double auc = h.auc();
            assertTrue(exact > 0.6 && exact < 0.95, "a non-trivial AUC: " + exact);
            assertEquals(exact, auc, 1e-4, "trial " + trial);
            assertTrue(Math.abs(exact - auc) <= h.aucTieBound() + 1e-15,
                    "within the tie bound " + h.aucTieBound() + ": " + exact + " vs " + auc);
            assertTrue(h.aucTieBound() < 2e-5, "the bound at 2^16 bins: " + h.aucTieBound());
        }
    }

    @Test
    void exactTiesAcrossClassesCountOneHalfAsInTheExactStatistic() {
        // Scores rounded to 2 decimals: many positive-negative pairs with the very same score.
        Random random = new Random(7);
        int n = 3000;
        double[] scores = new double[n];
        boolean[] positive = new boolean[n];
        randomScores(random, scores, positive);
        for (int i = 0; i < n; i++) {
            scores[i] = Math.round(scores[i] * 100) / 100.0;
        }
        ScoreHistogram h = histogram(scores, positive);
        assertEquals(exactAuc(scores, positive), h.auc(), 1e-12, "exact ties fall in one bin and count half");
    }

    @Test
    void scikitLearnsRocAucExample() {
        // roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.75
        ScoreHistogram h = histogram(new double[]{0.1, 0.4, 0.35, 0.8}, new boolean[]{false, false, true, true});
        assertEquals(0.75, h.auc(), 1e-15);
        assertEquals(0, h.aucTieBound(), 0);
    }

    @Test
    void perfectInvertedAndTiedScores() {
        double[] scores = {0.05, 0.2, 0.3, 0.6, 0.7, 0.99, 1.0};
        boolean[] perfect = {false, false, false, true, true, true, true};
        boolean[] inverted = {true, true, true, false, false, false, false};
        assertEquals(1.0, histogram(scores, perfect).auc(), 0);
        assertEquals(0.0, histogram(scores, inverted).auc(), 0);
        double[] tied = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
        assertEquals(0.5, histogram(tied, perfect).auc(), 0);
        assertEquals(0.5, histogram(tied, perfect).aucTieBound(), 0, "every pair shares the bin");
        // Saturated scores: all at 0 and 1 exactly, still perfect.
        assertEquals(1.0, histogram(new double[]{0, 0, 1, 1}, new boolean[]{false, false, true, true}).auc(), 0);
    }

    @Test
    void scoresCloserThanABinAreCountedAsTiesWithinTheBound() {
        double[] scores = {0.5, 0.5 + 1e-5};
        boolean[] positive = {false, true};
        ScoreHistogram h = histogram(scores, positive);
        assertEquals(1.0, exactAuc(scores, positive), 0);
        assertEquals(0.5, h.auc(), 0, "one bin: a tie");
        assertEquals(0.5, h.aucTieBound(), 0);
        ScoreHistogram fine = new ScoreHistogram(1 << 20);
        fine.add(scores[0], false);
        fine.add(scores[1], true);
        assertEquals(1.0, fine.auc(), 0, "resolved at 2^20 bins");
    }

    @Test
    void oneClassOnlyHasNoAuc() {
        ScoreHistogram h = histogram(new double[]{0.1, 0.9}, new boolean[]{true, true});
        assertFalse(h.aucDefined());
        assertTrue(Double.isNaN(h.auc()));
        assertTrue(Double.isNaN(h.aucTieBound()));
        assertEquals(2, h.positives());
        assertEquals(0, h.negatives());
        assertTrue(Double.isNaN(new ScoreHistogram().auc()));
    }

    @Test
    void partitionsMergedInAnyOrderGiveTheSameCountsAndAuc() {
        Random random = new Random(3);
        int n = 5000;
        double[] scores = new double[n];
        boolean[] positive = new boolean[n];
        randomScores(random, scores, positive);
        ScoreHistogram whole = histogram(scores, positive);
        List<ScoreHistogram> parts = new ArrayList<>();
        for (int p = 0; p < 7; p++) {
            parts.add(new ScoreHistogram());
        }
        for (int i = 0; i < n; i++) {
            parts.get(random.nextInt(parts.size())).add(scores[i], positive[i]);
        }
        Collections.shuffle(parts, random);
        ScoreHistogram merged = new ScoreHistogram();
        parts.forEach(merged::merge);
        assertEquals(whole.positives(), merged.positives());
        assertEquals(whole.negatives(), merged.negatives());
        for (int b = 0; b < whole.bins(); b++) {
            assertEquals(whole.positives(b), merged.positives(b));
            assertEquals(whole.negatives(b), merged.negatives(b));
        }
        assertEquals(whole.auc(), merged.auc(), 0);
    }

    @Test
    void binsCoverTheClosedUnitIntervalAndNothingElse() {
        ScoreHistogram h = new ScoreHistogram(4);
        assertEquals(0, h.bin(0));
        assertEquals(0, h.bin(0.2499));
        assertEquals(1, h.bin(0.25));
        assertEquals(3, h.bin(0.75));
        assertEquals(3, h.bin(1.0));
        assertEquals(ScoreHistogram.DEFAULT_BINS - 1, new ScoreHistogram().bin(1.0));
        for (double bad : new double[]{-1e-9, 1.0000001, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.add(bad, true));
            assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> h.merge(new ScoreHistogram(8)));
        assertThrows(IllegalArgumentException.class, () -> new ScoreHistogram(0));
    }
}
