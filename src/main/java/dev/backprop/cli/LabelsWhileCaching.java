package dev.backprop.cli;

import dev.backprop.data.Block;
import dev.backprop.data.LabelMap;
import dev.backprop.data.LabeledPoint;
import dev.backprop.data.TargetEncoding;
import dev.backprop.tensor.Matrix;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The classes of LIBSVM training data found during the read that caches it, instead of in a pass of their own
 * before it (which costs as much as the caching read): the blocks are first cached with each example's label as it
 * is (one target row), every partition reports its distinct labels through an accumulator as it is read, and once
 * the labels are known the cached blocks are mapped to blocks with the targets the network needs, keeping their
 * feature matrices (the first cache is then dropped). Used when nothing else needs a pass before the caching read:
 * see {@link Inputs#labelsFoundWhileCaching}.
 *
 * <p>A label goes from the file to the raw target row in the training precision, so the labels are told apart by
 * their value in that precision: should two labels collide there (two float32 labels closer than float32 can tell
 * apart), {@link #encode} says so and the caller reads the file again with the label map, as without this class.
 */
final class LabelsWhileCaching {

    /** Beyond this many distinct labels the task is probably a regression (the same limit as the survey pass). */
    static final int MAX_LABELS = 10_000;

    private final CollectionAccumulator<Double> seen;

    LabelsWhileCaching(JavaSparkContext spark) {
        // Unnamed: a named accumulator's values are reported per task to the UI and event logs.
        this.seen = spark.sc().collectionAccumulator();
    }

    /**
     * {@code points} unchanged, with each partition adding its distinct labels (at most {@code MAX_LABELS + 1}) to
     * the accumulator once it has been read to the end.
     */
    JavaRDD<LabeledPoint> recording(JavaRDD<LabeledPoint> points) {
        return recording(points, seen);
    }

    /** Static, so that the task holds the accumulator and not this object. */
    private static JavaRDD<LabeledPoint> recording(JavaRDD<LabeledPoint> points,
                                                   CollectionAccumulator<Double> accumulator) {
        return points.mapPartitions(it -> new Iterator<LabeledPoint>() {
            private final Set<Double> distinct = new HashSet<>();
            private boolean reported;

            @Override
            public boolean hasNext() {
                boolean more = it.hasNext();
                if (!more && !reported) {
                    reported = true;
                    distinct.forEach(accumulator::add);
                }
                return more;
            }

            @Override
            public LabeledPoint next() {
                LabeledPoint p = it.next();
                if (distinct.size() <= MAX_LABELS) {
                    distinct.add(p.label());
                }
                return p;
            }
        }, true);
    }

    /** The labels read so far, as a label map; call after the action that cached the blocks. */
    LabelMap labels(String path) {
        Set<String> texts = new HashSet<>();
        for (Double label : seen.value()) {
            texts.add(Inputs.labelText(label));
        }
        if (texts.size() > MAX_LABELS) {
            throw new UsageException(path + " has more than 10,000 distinct labels; is task=regression meant?");
        }
        if (texts.isEmpty()) {
            throw new UsageException("the training data " + path + " holds no examples");
        }
        return LabelMap.fit(texts);
    }

    /**
     * The raw blocks (one target row holding each example's label) with the targets of {@code encoding} for the
     * classes of {@code labels}, sharing their feature matrices; null when two labels have the same value in the
     * blocks' precision, so that the raw rows cannot tell them apart.
     */
    static JavaRDD<Block> encode(JavaRDD<Block> raw, LabelMap labels, TargetEncoding encoding,
                                 dev.backprop.tensor.Precision precision) {
        Map<Double, Integer> classByValue = new HashMap<>();
        List<String> texts = labels.labels();
        for (int k = 0; k < texts.size(); k++) {
            // + 0.0 turns -0.0 into 0.0: they are one label ("0"), but Double.equals tells them apart.
            double value = precision.round(Double.parseDouble(texts.get(k))) + 0.0;
            if (classByValue.put(value, k) != null) {
                return null;
            }
        }
        return raw.map(block -> {
            Matrix targets = Matrix.zeros(precision, encoding.width(), block.size());
            double[] label = new double[1];
            for (int j = 0; j < block.size(); j++) {
                Integer k = classByValue.get(block.targets().get(0, j) + 0.0);
                if (k == null) {
                    throw new IllegalStateException("label " + block.targets().get(0, j) + " of a cached block is"
                            + " not among the labels found while caching " + new ArrayList<>(classByValue.keySet()));
                }
                label[0] = k;
                encoding.encode(label, targets, j, "cached block", j + 1);
            }
            return new Block(block.features(), targets, block.weights());
        });
    }
}
