package dev.backprop.data;

import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;

import java.util.ArrayList;
import java.util.List;

/** Stacks labelled points into dense blocks of at most {@code blockSize} examples. */
public final class BlockBuilder {

    private final int numFeatures;
    private final TargetEncoding encoding;
    private final Precision precision;
    private final int blockSize;

    public BlockBuilder(int numFeatures, TargetEncoding encoding, Precision precision, int blockSize) {
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
    }

    /** One block holding all of {@code points}, in order; errors count examples from 1. */
    public Block stack(List<LabeledPoint> points, String source) {
        return stack(points, source, 0);
    }

    /** Like {@link #stack(List, String)}, with errors numbering example j as {@code first + j + 1}. */
    private Block stack(List<LabeledPoint> points, String source, long first) {
        Matrix features = Matrix.zeros(precision, numFeatures, points.size());
        Matrix targets = Matrix.zeros(precision, encoding.width(), points.size());
        for (int j = 0; j < points.size(); j++) {
            LabeledPoint p = points.get(j);
            if (p.maxIndex() >= numFeatures) {
                throw new DataFormatException(source, first + j + 1, "feature index " + (p.maxIndex() + 1)
                        + " exceeds the declared number of features " + numFeatures);
            }
            int base = j * numFeatures;
            int[] indices = p.indices();
            double[] values = p.values();
            for (int i = 0; i < indices.length; i++) {
                features.set(base + indices[i], values[i]);
            }
            encoding.encode(p.label(), targets, j, source, first + j + 1);
        }
        return new Block(features, targets);
    }

    /** Blocks of {@code blockSize} examples (the last may be shorter), in order. */
    public List<Block> stackAll(List<LabeledPoint> points, String source) {
        List<Block> blocks = new ArrayList<>();
        for (int from = 0; from < points.size(); from += blockSize) {
            blocks.add(stack(points.subList(from, Math.min(points.size(), from + blockSize)), source, from));
        }
        return blocks;
    }
}
