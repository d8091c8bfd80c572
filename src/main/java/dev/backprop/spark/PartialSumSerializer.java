package dev.backprop.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.backprop.tensor.Matrix;

/** Kryo form of a partial sum: index, loss, weight, count, correct, then the gradient matrix or null. */
final class PartialSumSerializer extends Serializer<PartialSum> {

    @Override
    public void write(Kryo kryo, Output output, PartialSum p) {
        output.writeInt(p.index, true);
        output.writeDouble(p.loss);
        output.writeDouble(p.weight);
        output.writeLong(p.count, true);
        output.writeLong(p.correct, true);
        kryo.writeClassAndObject(output, p.gradient);
        output.writeDouble(p.kernelSeconds);
    }

    @Override
    public PartialSum read(Kryo kryo, Input input, Class<PartialSum> type) {
        int index = input.readInt(true);
        double loss = input.readDouble();
        double weight = input.readDouble();
        long count = input.readLong(true);
        long correct = input.readLong(true);
        Matrix gradient = (Matrix) kryo.readClassAndObject(input);
        double kernelSeconds = input.readDouble();
        return new PartialSum(index, loss, weight, count, correct, gradient, kernelSeconds);
    }
}
