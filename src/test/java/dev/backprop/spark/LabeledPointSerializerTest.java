package dev.backprop.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.backprop.data.LabeledPoint;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Kryo round trips of points, weight included, through the project's registrator with registration required. */
class LabeledPointSerializerTest {

    private static LabeledPoint roundTrip(LabeledPoint p) {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(true);
        new KryoRegistrator().registerClasses(kryo);
        Output output = new Output(64, -1);
        kryo.writeClassAndObject(output, p);
        try (Input input = new Input(output.toBytes())) {
            return (LabeledPoint) kryo.readClassAndObject(input);
        }
    }

    @Test
    void aWeightedPointKeepsItsWeight() {
        LabeledPoint p = new LabeledPoint(2, new int[] {0, 3, 7}, new double[] {0.5, -1, 1e-300}, 2.75);
        LabeledPoint back = roundTrip(p);
        assertEquals(p, back);
        assertEquals(2.75, back.weight(), 0);
    }

    @Test
    void weightsOfOneAndZeroAndAnEmptyPointRoundTrip() {
        for (LabeledPoint p : new LabeledPoint[] {new LabeledPoint(-1, new int[] {1}, new double[] {4}),
                new LabeledPoint(0, new int[0], new double[0], 0)}) {
            assertEquals(p, roundTrip(p));
        }
        assertEquals(1, roundTrip(new LabeledPoint(1, new int[0], new double[0])).weight(), 0);
    }
}
