package dev.backprop.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.backprop.data.Block;
import dev.backprop.tensor.Matrix;

/** Kryo form of a block: its features, its targets, then its example weights (Kryo's null marker when it has none). */
final class BlockSerializer extends Serializer<Block> {

    @Override
    public void write(Kryo kryo, Output output, Block block) {
        kryo.writeClassAndObject(output, block.features());
        kryo.writeClassAndObject(output, block.targets());
        kryo.writeClassAndObject(output, block.weights());
    }

    @Override
    public Block read(Kryo kryo, Input input, Class<Block> type) {
        Matrix features = (Matrix) kryo.readClassAndObject(input);
        Matrix targets = (Matrix) kryo.readClassAndObject(input);
        Matrix weights = (Matrix) kryo.readClassAndObject(input);
        return new Block(features, targets, weights);
    }
}
