package dev.backprop.metrics;

/**
 * ROC AUC of a binary classifier without sorting the scores: two histograms of the positive-class probability,
 * one for positive and one for negative examples, over {@link #bins()} equal bins of [0, 1] (bin
 * {@code floor(score * bins)}, a score of exactly 1 in the last bin). Partitions fill their own and merge them; the
 * counts are integers, so the merge is exact in any order.
 *
 * <p>{@link #auc()} applies the trapezoid rule to the ROC curve through the bin edges, which is the Mann-Whitney
 * statistic with every (positive, negative) pair in the same bin counted as a tie (one half). It is exact when no
 * bin holds both a positive and a negative score closer than the bin width, and otherwise differs from the exact
 * AUC by at most {@link #aucTieBound()} = half the fraction of pairs that share a bin. With the default 2^16 bins
 * the resolution is 1/65536 ~ 1.5e-5 in probability; a few thousand scores spread over [0, 1] put the AUC within
 * about 1e-5 of the exact value. Many scores squeezed into one bin (a model saturated at 0 or 1) widen the bound,
 * which is why it is reported.
 */
public final class ScoreHistogram {

    /** The default resolution: 2^16 bins, 1 MiB of counts while a partition fills them. */
    public static final int DEFAULT_BINS = 1 << 16;

    private final long[] positives;
    private final long[] negatives;
    private long positiveCount;
    private long negativeCount;

    /** An empty histogram of {@link #DEFAULT_BINS} bins. */
    public ScoreHistogram() {
        this(DEFAULT_BINS);
    }

    /** An empty histogram of {@code bins} equal bins over [0, 1]. */
    public ScoreHistogram(int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("a score histogram needs at least 1 bin, got " + bins);
        }
        positives = new long[bins];
        negatives = new long[bins];
    }

    public int bins() {
        return positives.length;
    }

    /** The bin of {@code score} in [0, 1]; throws for a score outside (NaN included), naming it. */
    public int bin(double score) {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("a positive-class probability must lie in [0, 1], got " + score);
        }
        return Math.min((int) (score * bins()), bins() - 1);
    }

    /** Counts one example: its positive-class probability and whether it is positive. */
    public void add(double score, boolean positive) {
        addCounts(bin(score), positive ? 1 : 0, positive ? 0 : 1);
    }

    /** Adds counts to one bin (merging and deserializing). */
    public void addCounts(int bin, long positiveExamples, long negativeExamples) {
        if (positiveExamples < 0 || negativeExamples < 0) {
            throw new IllegalArgumentException("negative counts " + positiveExamples + ", " + negativeExamples);
        }
        positives[bin] += positiveExamples;
        negatives[bin] += negativeExamples;
        positiveCount += positiveExamples;
        negativeCount += negativeExamples;
    }

    /** Adds {@code other}'s counts into this one (same number of bins). */
    public void merge(ScoreHistogram other) {
        if (other.bins() != bins()) {
            throw new IllegalArgumentException("cannot merge histograms of " + bins() + " and " + other.bins()
                    + " bins");
        }
        for (int b = 0; b < bins(); b++) {
            positives[b] += other.positives[b];
            negatives[b] += other.negatives[b];
        }
        positiveCount += other.positiveCount;
        negativeCount += other.negativeCount;
    }

    /** Positive examples counted. */
    public long positives() {
        return positiveCount;
    }

    /** Negative examples counted. */
    public long negatives() {
        return negativeCount;
    }

    /** Positive examples in bin {@code bin}. */
    public long positives(int bin) {
        return positives[bin];
    }

    /** Negative examples in bin {@code bin}. */
    public long negatives(int bin) {
        return negatives[bin];
    }

    /** Whether the AUC is defined: at least one positive and one negative example. */
    public boolean aucDefined() {
        return positiveCount > 0 && negativeCount > 0;
    }

    /**
     * The area under the ROC curve: the probability that a random positive scores above a random negative, ties
     * (same bin) counting one half. NaN when only one class is present (scikit-learn raises an error there).
     */
    public double auc() {
        if (!aucDefined()) {
            return Double.NaN;
        }
        // Sweep the threshold down from the highest bin; each negative bin adds the positives above it in full and
        // those beside it by half: the trapezoid between two consecutive ROC points.
        double area = 0;
        long positivesAbove = 0;
        for (int b = bins() - 1; b >= 0; b--) {
            if (negatives[b] != 0) {
                area += negatives[b] * (positivesAbove + 0.5 * positives[b]);
            }
            positivesAbove += positives[b];
        }
        return area / ((double) positiveCount * negativeCount);
    }

    /**
     * The largest possible difference between {@link #auc()} and the exact AUC of the scores counted: half the
     * fraction of (positive, negative) pairs that share a bin, whose order the histogram cannot see. NaN when the
     * AUC is not defined.
     */
    public double aucTieBound() {
        if (!aucDefined()) {
            return Double.NaN;
        }
        double shared = 0;
        for (int b = 0; b < bins(); b++) {
            shared += (double) positives[b] * negatives[b];
        }
        return 0.5 * shared / ((double) positiveCount * negativeCount);
    }
}
