package dev.backprop.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.backprop.data.LabeledPoint;

/** Kryo form of a labelled point: number of labels, labels, number of features present, indices, values, weight. */
final class LabeledPointSerializer extends Serializer<LabeledPoint> {

    @Override
    public void write(Kryo kryo, Output output, LabeledPoint p) {
        output.writeInt(p.numLabels(), true);
        output.writeDoubles(p.labels());
        output.writeInt(p.indices().length, true);
        output.writeInts(p.indices(), true);
        output.writeDoubles(p.values());
        output.writeDouble(p.weight());
    }

    @Override
    public LabeledPoint read(Kryo kryo, Input input, Class<LabeledPoint> type) {
        double[] labels = input.readDoubles(input.readInt(true));
        int n = input.readInt(true);
        int[] indices = input.readInts(n, true);
        double[] values = input.readDoubles(n);
        double weight = input.readDouble();
        return new LabeledPoint(labels, indices, values, weight);
    }
}
