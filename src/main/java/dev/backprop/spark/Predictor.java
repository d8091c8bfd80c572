package dev.backprop.spark;

import dev.backprop.data.BlockBuilder;
import dev.backprop.data.LabeledPoint;
import dev.backprop.data.Preprocessing;
import dev.backprop.data.TargetEncoding;
import dev.backprop.model.TrainedModel;
import dev.backprop.nn.FlatParameters;
import dev.backprop.nn.MlpGraph;
import dev.backprop.nn.MlpSpec;
import dev.backprop.nn.OutputLoss;
import dev.backprop.nn.ParameterLayout;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Predictions as CSV rows, one per input example, in input order: for softmax classifiers the predicted label (as
 * written in the training data) then the probability of each class in class order; for a sigmoid classifier the
 * predicted label then the probability of the second class; for regression the predicted value of each target in
 * target order (the order of the label columns, {@link Preprocessing#targetName}), each on its original scale.
 */
public final class Predictor {

    private Predictor() {
    }

    /** The rows for {@code points}, partition by partition, in order. */
    public static JavaRDD<String> predict(JavaSparkContext spark, TrainedModel model, JavaRDD<LabeledPoint> points,
                                          int blockSize) {
        MlpSpec spec = model.spec();
        Precision precision = model.precision();
        Preprocessing preprocessing = model.preprocessing();
        Broadcast<Object> weights = spark.broadcast(PartitionPass.array(model.parameters()));
        return points.mapPartitions(it -> {
            FlatParameters parameters = PartitionPass.wrap(new ParameterLayout(spec), weights.value());
            MlpGraph graph = new MlpGraph(parameters);
            BlockBuilder builder = new BlockBuilder(spec.inputs(), new TargetEncoding.Value(), precision, blockSize);
            return new Iterator<String>() {
                private final List<String> rows = new ArrayList<>();
                private int next;

                @Override
                public boolean hasNext() {
                    if (next == rows.size() && it.hasNext()) {
                        fill();
                    }
                    return next < rows.size();
                }

                @Override
                public String next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    return rows.get(next++);
                }

                private void fill() {
                    List<LabeledPoint> batch = new ArrayList<>(blockSize);
                    while (it.hasNext() && batch.size() < blockSize) {
                        batch.add(it.next());
                    }
                    Matrix outputs = graph.predict(builder.stack(batch, "input").features());
                    rows.clear();
                    next = 0;
                    for (int j = 0; j < outputs.cols(); j++) {
                        rows.add(row(spec, preprocessing, outputs, j, precision));
                    }
                }
            };
        }, true);
    }

    /**
     * One output row: a classifier's predicted label (as written in the training data) then its probabilities; a
     * regressor's value(s) on the original scale of the targets.
     */
    static String row(MlpSpec spec, Preprocessing preprocessing, Matrix outputs, int column, Precision precision) {
        StringBuilder row = new StringBuilder();
        boolean classification = spec.output().isClassification();
        if (classification) {
            row.append(preprocessing.labelOf(OutputLoss.targetClass(outputs, column)));
        }
        for (int r = 0; r < outputs.rows(); r++) {
            if (row.length() > 0) {
                row.append(',');
            }
            double v = outputs.get(r, column);
            if (!classification && preprocessing.target() != null) {
                v = preprocessing.target().unscale(r, v);
            }
            row.append(precision == Precision.FLOAT ? Float.toString((float) v) : Double.toString(v));
        }
        return row.toString();
    }
}
