package dev.backprop.model;

import dev.backprop.nn.Activation;
import dev.backprop.nn.MlpGraph;
import dev.backprop.nn.MlpSpec;
import dev.backprop.nn.OutputLoss;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writing a model and reading it back gives the same network, bits, metadata and predictions. */
class ModelRoundTripTest {

    @ParameterizedTest
    @EnumSource(Precision.class)
    void roundTripKeepsSpecBitsMetadataAndPredictions(Precision precision) throws IOException {
        TrainedModel model = TestModels.model(precision);
        TestModels.Files files = TestModels.write(model);
        TrainedModel back = ModelReader.read(new ByteArrayInputStream(files.json()),
                new ByteArrayInputStream(files.weights()));

        assertEquals(model.spec(), back.spec());
        assertEquals(precision, back.precision());
        assertEquals(model.training(), back.training());
        assertEquals(Long.class, back.training().get("train.epochs").getClass());
        assertEquals(Double.class, back.training().get("train.learning_rate").getClass());
        assertEquals(0.9312345678901234, back.training().get("test_accuracy"));
        assertEquals("ünïcødé ✓", back.training().get("note"));
        assertBitIdentical(model.parameters().flat(), back.parameters().flat());

        Matrix features = randomFeatures(precision, model.spec().inputs(), 9);
        Matrix expected = new MlpGraph(model.parameters()).predict(features);
        Matrix actual = new MlpGraph(back.parameters()).predict(features);
        assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray());
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void weightsAreTheFlatVectorInLittleEndianAndNothingElse(Precision precision) {
        TrainedModel model = TestModels.model(precision);
        byte[] weights = TestModels.write(model).weights();
        Matrix flat = model.parameters().flat();
        assertEquals((long) flat.size() * precision.bytes(), weights.length);
        ByteBuffer buffer = ByteBuffer.wrap(weights).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < flat.size(); i++) {
            double v = precision == Precision.FLOAT ? buffer.getFloat() : buffer.getDouble();
            assertEquals(flat.get(i), v, "parameter " + i);
        }
        // The first value is W1(0,0) and the last is the last bias (ParameterLayout order).
        assertEquals(model.parameters().weights(0).get(0, 0),
                precision == Precision.FLOAT ? ByteBuffer.wrap(weights).order(ByteOrder.LITTLE_ENDIAN).getFloat(0)
                        : ByteBuffer.wrap(weights).order(ByteOrder.LITTLE_ENDIAN).getDouble(0));
    }

    @Test
    void everyActivationAndOutputRoundTrips() throws IOException {
        for (Activation activation : Activation.values()) {
            for (OutputLoss output : OutputLoss.values()) {
                MlpSpec spec = new MlpSpec(new int[] {3, 2, 2}, activation, output);
                TrainedModel model = TestModels.model(spec, Precision.DOUBLE, 7);
                TestModels.Files files = TestModels.write(model);
                TrainedModel back = ModelReader.read(new ByteArrayInputStream(files.json()),
                        new ByteArrayInputStream(files.weights()));
                assertEquals(spec, back.spec());
                assertBitIdentical(model.parameters().flat(), back.parameters().flat());
            }
        }
    }

    @Test
    void writingIsDeterministic() {
        TestModels.Files a = TestModels.write(TestModels.model(Precision.FLOAT));
        TestModels.Files b = TestModels.write(TestModels.model(Precision.FLOAT));
        assertArrayEquals(a.json(), b.json());
        assertArrayEquals(a.weights(), b.weights());
    }

    @Test
    void writerRefusesNonFiniteWeightsNamingTheParameter() {
        TrainedModel model = TestModels.model(Precision.DOUBLE);
        model.parameters().bias(1).set(2, Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelWriter(model));
        assertTrue(e.getMessage().contains("b2[2]") && e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void writerNoticesParametersChangedAfterItWasMade() {
        TrainedModel model = TestModels.model(Precision.DOUBLE);
        ModelWriter writer = new ModelWriter(model);
        model.parameters().flat().set(0, 3.0);
        assertThrows(IllegalStateException.class, () -> writer.writeWeights(new java.io.ByteArrayOutputStream()));
    }

    @Test
    void metadataIsNormalizedAndChecked() {
        TrainedModel model = TestModels.model(Precision.FLOAT);
        assertEquals(300L, model.training().get("train.epochs"));
        TrainedModel more = model.withTraining("train_accuracy", 0.5f);
        assertEquals((double) 0.5f, more.training().get("train_accuracy"));
        assertThrows(UnsupportedOperationException.class, () -> model.training().put("x", 1));
        assertThrows(IllegalArgumentException.class, () -> model.withTraining("loss", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> model.withTraining("x", null));
        assertThrows(IllegalArgumentException.class, () -> model.withTraining("x", new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> model.withTraining("", 1));
    }

    @Test
    void specMustMatchTheParameters() {
        TrainedModel model = TestModels.model(Precision.FLOAT);
        MlpSpec other = new MlpSpec(TestModels.SPEC.layerSizes(), Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        assertThrows(IllegalArgumentException.class,
                () -> new TrainedModel(other, model.parameters(), model.training()));
    }

    static void assertBitIdentical(Matrix expected, Matrix actual) {
        assertEquals(expected.precision(), actual.precision());
        assertEquals(expected.shape(), actual.shape());
        for (int i = 0; i < expected.size(); i++) {
            if (expected.precision() == Precision.FLOAT) {
                assertEquals(Float.floatToRawIntBits((float) expected.get(i)),
                        Float.floatToRawIntBits((float) actual.get(i)), "parameter " + i);
            } else {
                assertEquals(Double.doubleToRawLongBits(expected.get(i)), Double.doubleToRawLongBits(actual.get(i)),
                        "parameter " + i);
            }
        }
    }

    private static Matrix randomFeatures(Precision precision, int rows, int cols) {
        SplittableRandom random = new SplittableRandom(3);
        Matrix m = Matrix.zeros(precision, rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.set(i, random.nextDouble(-2, 2));
        }
        return m;
    }
}
