package dev.backprop.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.backprop.data.Block;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Kryo round trips of blocks with and without example weights, through the project's registrator with
 * registration required (as the trainer's Spark configuration sets it), without a Spark context.
 */
class BlockSerializerTest {

    private static Kryo kryo() {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(true);
        new KryoRegistrator().registerClasses(kryo);
        return kryo;
    }

    private static Block roundTrip(Block block) {
        Output output = new Output(256, -1);
        kryo().writeClassAndObject(output, block);
        try (Input input = new Input(output.toBytes())) {
            return (Block) kryo().readClassAndObject(input);
        }
    }

    private static Block block(Precision p) {
        Matrix x = Matrix.of(p, 2, 4, 1, 2, 3, 4, 5, 6, 7, 8);
        Matrix t = Matrix.of(p, 1, 4, 0, 1, 1, 0);
        return new Block(x, t);
    }

    private static void assertSameValues(Matrix expected, Matrix actual) {
        assertEquals(expected.precision(), actual.precision());
        assertEquals(expected.shape(), actual.shape());
        assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), 0);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void weightedBlockKeepsItsWeights(Precision p) {
        Block weighted = block(p).withWeights(Matrix.of(p, 1, 4, 0.5, 0, 2.25, 1e-3));
        Block back = roundTrip(weighted);
        assertSameValues(weighted.features(), back.features());
        assertSameValues(weighted.targets(), back.targets());
        assertSameValues(weighted.weights(), back.weights());
        assertEquals(weighted.totalWeight(), back.totalWeight(), 0);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void unweightedBlockStaysUnweighted(Precision p) {
        Block back = roundTrip(block(p));
        assertNull(back.weights());
        assertSameValues(block(p).features(), back.features());
        assertSameValues(block(p).targets(), back.targets());
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void aSliceWritesOnlyItsOwnExamplesAndWeights(Precision p) {
        Block weighted = block(p).withWeights(Matrix.of(p, 1, 4, 1, 2, 3, 4));
        Block back = roundTrip(weighted.slice(1, 3));
        assertEquals(2, back.size());
        assertArrayEquals(new double[] {3, 4, 5, 6}, back.features().toDoubleArray(), 0);
        assertArrayEquals(new double[] {1, 1}, back.targets().toDoubleArray(), 0);
        assertArrayEquals(new double[] {2, 3}, back.weights().toDoubleArray(), 0);
    }
}
