package dev.backprop.data;

import java.util.Arrays;

/**
 * A weight per class, turned into example weights by {@link #weightOf}: an example of class {@code k} weighs
 * {@code weight(k)} in the loss and its gradient (multiplied by its own row weight, if it has one).
 *
 * <p>{@link #balanced} gives scikit-learn's {@code class_weight="balanced"}:
 * {@code weight(k) = n_samples / (n_classes * count_k)}, so every class carries the same total weight
 * {@code n_samples / n_classes} and the total weight of the data stays {@code n_samples}. Counts are of examples,
 * not of row weights (as scikit-learn's {@code compute_class_weight}). Classes are the indices 0..K-1 that the
 * target encoding uses (after any label mapping); a binary task has the two classes 0 and 1.
 */
public final class ClassWeights implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final double[] weights;

    private ClassWeights(double[] weights) {
        this.weights = weights;
    }

    /**
     * {@code n_samples / (n_classes * count_k)} for each class {@code k}, where {@code n_samples} is the sum of the
     * counts and {@code n_classes} their number. Like scikit-learn, refuses a class without examples (its weight
     * would be infinite).
     */
    public static ClassWeights balanced(long[] classCounts) {
        if (classCounts.length == 0) {
            throw new IllegalArgumentException("balanced class weights need at least one class");
        }
        long samples = 0;
        for (int k = 0; k < classCounts.length; k++) {
            if (classCounts[k] <= 0) {
                throw new IllegalArgumentException("balanced class weights: class " + k + " has " + classCounts[k]
                        + " examples; every class of 0.." + (classCounts.length - 1)
                        + " must occur in the training data (or give explicit class weights)");
            }
            samples = Math.addExact(samples, classCounts[k]);
        }
        double[] weights = new double[classCounts.length];
        for (int k = 0; k < weights.length; k++) {
            weights[k] = samples / ((double) classCounts.length * classCounts[k]);
        }
        return new ClassWeights(weights);
    }

    /** The given weight for each class 0..K-1; each must be finite and non-negative. */
    public static ClassWeights explicit(double[] classWeights) {
        if (classWeights.length == 0) {
            throw new IllegalArgumentException("class weights need at least one class");
        }
        for (int k = 0; k < classWeights.length; k++) {
            double w = classWeights[k];
            if (!(w >= 0) || w == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("the weight of class " + k + " is " + w
                        + ", not a finite non-negative number");
            }
        }
        return new ClassWeights(classWeights.clone());
    }

    /** Number of classes. */
    public int classes() {
        return weights.length;
    }

    /** The weight of class {@code label} (a class index 0..K-1, given as the double a labelled point holds). */
    public double weightOf(double label) {
        int k = (int) label;
        if (k != label || k < 0 || k >= weights.length) {
            throw new IllegalArgumentException("label " + label + " is not a class in 0.." + (weights.length - 1)
                    + " of the class weights");
        }
        return weights[k];
    }

    /** The weights, class by class (a copy). */
    public double[] toArray() {
        return weights.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassWeights c && Arrays.equals(weights, c.weights);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "ClassWeights" + Arrays.toString(weights);
    }
}
