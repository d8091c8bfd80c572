package dev.backprop.data;

import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;

import java.util.ArrayList;
import java.util.List;

/**
 * Stacks labelled points into dense blocks of at most {@code blockSize} examples, optionally with example weights:
 * a row weight per point (a {@code double[]} parallel to the points or, without one, each point's own
 * {@link LabeledPoint#weight()}) and/or a weight per class ({@link #withClassWeights}); an example's weight is the
 * product of the two. A block without class weights whose row weights are all 1 carries no weights and trains
 * exactly as an unweighted block.
 */
public final class BlockBuilder {

    private final int numFeatures;
    private final TargetEncoding encoding;
    private final Precision precision;
    private final int blockSize;
    private final ClassWeights classWeights;

    public BlockBuilder(int numFeatures, TargetEncoding encoding, Precision precision, int blockSize) {
        this(numFeatures, encoding, precision, blockSize, null);
    }

    private BlockBuilder(int numFeatures, TargetEncoding encoding, Precision precision, int blockSize,
                         ClassWeights classWeights) {
        if (numFeatures <= 0) {
            throw new IllegalArgumentException("number of features must be positive, got " + numFeatures);
        }
        if (blockSize <= 0) {
            throw new IllegalArgumentException("block size must be positive, got " + blockSize);
        }
        this.numFeatures = numFeatures;
        this.encoding = encoding;
        this.precision = precision;
        this.blockSize = blockSize;
        this.classWeights = classWeights;
    }

    /**
     * A builder like this one whose blocks weigh each example by the weight of its class (times its row weight,
     * if given); {@code null} for none. The class weights must cover the encoding's classes: K for one-hot, 2 for
     * binary; regression targets have no classes.
     */
    public BlockBuilder withClassWeights(ClassWeights weights) {
        if (weights != null) {
            int classes;
            if (encoding instanceof TargetEncoding.OneHot oneHot) {
                classes = oneHot.classes();
            } else if (encoding instanceof TargetEncoding.Binary) {
                classes = 2;
            } else {
                throw new IllegalArgumentException("class weights need class labels, not real-valued targets");
            }
            if (weights.classes() != classes) {
                throw new IllegalArgumentException(weights.classes() + " class weights given for " + classes
                        + " classes");
            }
        }
        return new BlockBuilder(numFeatures, encoding, precision, blockSize, weights);
    }

    /** The class weights applied to every example, or null. */
    public ClassWeights classWeights() {
        return classWeights;
    }

    /** One block holding all of {@code points}, in order; errors count examples from 1. */
    public Block stack(List<LabeledPoint> points, String source) {
        return stack(points, null, source);
    }

    /**
     * One block holding all of {@code points}, in order, with {@code weights[j]} the row weight of point {@code j}
     * (finite and non-negative; {@code null} for each point's own weight); errors count examples from 1.
     */
    public Block stack(List<LabeledPoint> points, double[] weights, String source) {
        checkLength(points, weights);
        return stack(points, weights, 0, source, 0);
    }

    /**
     * Like {@link #stack(List, double[], String)} for points {@code from} of {@code weights} on, with errors
     * numbering example j as {@code first + j + 1}.
     */
    private Block stack(List<LabeledPoint> points, double[] weights, int from, String source, long first) {
        Matrix features = Matrix.zeros(precision, numFeatures, points.size());
        Matrix targets = Matrix.zeros(precision, encoding.width(), points.size());
        boolean weighted = weights != null || classWeights != null || anyWeighted(points);
        Matrix exampleWeights = weighted ? Matrix.zeros(precision, 1, points.size()) : null;
        for (int j = 0; j < points.size(); j++) {
            LabeledPoint p = points.get(j);
            long line = first + j + 1;
            if (p.maxIndex() >= numFeatures) {
                throw new DataFormatException(source, line, "feature index " + (p.maxIndex() + 1)
                        + " exceeds the declared number of features " + numFeatures);
            }
            int base = j * numFeatures;
            int[] indices = p.indices();
            double[] values = p.values();
            for (int i = 0; i < indices.length; i++) {
                features.set(base + indices[i], values[i]);
            }
            encoding.encode(p.labels(), targets, j, source, line);
            if (weighted) {
                exampleWeights.set(j, weightOf(p, weights == null ? p.weight() : weights[from + j], source, line));
            }
        }
        return new Block(features, targets, exampleWeights);
    }

    /** Whether some point has a weight other than 1. */
    private static boolean anyWeighted(List<LabeledPoint> points) {
        for (LabeledPoint p : points) {
            if (p.weight() != 1) {
                return true;
            }
        }
        return false;
    }

    private double weightOf(LabeledPoint p, double rowWeight, String source, long line) {
        if (!(rowWeight >= 0) || rowWeight == Double.POSITIVE_INFINITY) {
            throw new DataFormatException(source, line, "weight " + rowWeight
                    + " is not a finite non-negative number");
        }
        return classWeights == null ? rowWeight : rowWeight * classWeights.weightOf(p.label());
    }

    /** Blocks of {@code blockSize} examples (the last may be shorter), in order. */
    public List<Block> stackAll(List<LabeledPoint> points, String source) {
        return stackAll(points, null, source);
    }

    /**
     * Blocks of {@code blockSize} examples (the last may be shorter), in order, with {@code weights[j]} the row
     * weight of point {@code j} ({@code null} for each point's own weight).
     */
    public List<Block> stackAll(List<LabeledPoint> points, double[] weights, String source) {
        checkLength(points, weights);
        List<Block> blocks = new ArrayList<>();
        for (int from = 0; from < points.size(); from += blockSize) {
            blocks.add(stack(points.subList(from, Math.min(points.size(), from + blockSize)), weights, from, source,
                    from));
        }
        return blocks;
    }

    private static void checkLength(List<LabeledPoint> points, double[] weights) {
        if (weights != null && weights.length != points.size()) {
            throw new IllegalArgumentException(points.size() + " points but " + weights.length + " weights");
        }
    }
}
