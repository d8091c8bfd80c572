package dev.backprop.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.tensor.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** weights.bin: corrupted, truncated, too long, a wrong checksum or non-finite values are refused. */
class ModelWeightsFileTest {

    private static final String DIR = "models/m";
    private static final String WEIGHTS = DIR + "/weights.bin";

    @ParameterizedTest
    @EnumSource(Precision.class)
    void flippedByteIsASha256Mismatch(Precision precision) {
        TestModels.Files files = TestModels.write(TestModels.model(precision));
        for (int at : new int[] {0, files.weights().length / 2, files.weights().length - 1}) {
            byte[] corrupted = files.weights().clone();
            corrupted[at] ^= 0x10;
            String message = assertRefused(files.withWeights(corrupted), "SHA-256 mismatch, expected "
                    + TestModels.sha256(files.weights()) + " got " + TestModels.sha256(corrupted));
            assertTrue(message.startsWith(WEIGHTS + ": "), message);
        }
    }

    @Test
    void truncatedFileIsRefusedWithBothLengths() {
        TestModels.Files files = TestModels.write(TestModels.model(Precision.DOUBLE));
        int length = files.weights().length;
        assertRefused(files.withWeights(Arrays.copyOf(files.weights(), length - 3)),
                "truncated: " + (length - 3) + " bytes, but " + length + " expected");
        assertRefused(files.withWeights(new byte[0]), "truncated: 0 bytes, but " + length + " expected");
    }

    @Test
    void longerFileIsRefused() {
        TestModels.Files files = TestModels.write(TestModels.model(Precision.FLOAT));
        assertRefused(files.withWeights(Arrays.copyOf(files.weights(), files.weights().length + 1)),
                "longer than the " + files.weights().length + " bytes that model.json gives");
    }

    @Test
    void wrongChecksumInTheDescriptionIsRefused() {
        TestModels.Files files = TestModels.write(TestModels.model(Precision.FLOAT));
        ObjectNode root = files.jsonTree();
        String wrong = "0".repeat(64);
        ((ObjectNode) root.get("weights")).put("sha256", wrong);
        assertRefused(files.withJson(root), "SHA-256 mismatch, expected " + wrong + " got "
                + TestModels.sha256(files.weights()));
    }

    @Test
    void weightsOfAnotherModelAreRefused() {
        TestModels.Files files = TestModels.write(TestModels.model(Precision.FLOAT));
        TestModels.Files other = TestModels.write(TestModels.model(TestModels.SPEC, Precision.FLOAT, 99));
        assertRefused(files.withWeights(other.weights()), "SHA-256 mismatch");
    }

    @Test
    void uppercaseChecksumIsAccepted() throws Exception {
        TestModels.Files files = TestModels.write(TestModels.model(Precision.FLOAT));
        ObjectNode root = files.jsonTree();
        ((ObjectNode) root.get("weights")).put("sha256", TestModels.sha256(files.weights()).toUpperCase());
        ModelReader.read(DIR, new ByteArrayInputStream(files.withJson(root).json()),
                new ByteArrayInputStream(files.weights()));
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void nonFiniteWeightsWithAMatchingChecksumAreRefused(Precision precision) {
        TestModels.Files files = TestModels.write(TestModels.model(precision));
        byte[] weights = files.weights().clone();
        ByteBuffer buffer = ByteBuffer.wrap(weights).order(ByteOrder.LITTLE_ENDIAN);
        int index = 7 * 5 + 2; // b1[2]
        if (precision == Precision.FLOAT) {
            buffer.putFloat(index * 4, Float.POSITIVE_INFINITY);
        } else {
            buffer.putDouble(index * 8, Double.NaN);
        }
        ObjectNode root = files.jsonTree();
        ((ObjectNode) root.get("weights")).put("sha256", TestModels.sha256(weights));
        String message = assertRefused(files.withJson(root).withWeights(weights),
                "parameter " + index + " (b1[2]) is " + (precision == Precision.FLOAT ? "Infinity" : "NaN"));
        assertTrue(message.contains("non-finite"), message);
    }

    @Test
    void readWeightsNamesTheFileItIsGiven() {
        TestModels.Files files = TestModels.write(TestModels.model(Precision.FLOAT));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelReader.read(
                new ByteArrayInputStream(files.json()), new ByteArrayInputStream(new byte[5])));
        assertEquals("weights.bin", e.file());
    }

    /** Reading fails with a message naming the weights file and containing {@code expected}. */
    private static String assertRefused(TestModels.Files files, String expected) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelReader.read(DIR,
                new ByteArrayInputStream(files.json()), new ByteArrayInputStream(files.weights())));
        assertEquals(WEIGHTS, e.file());
        assertTrue(e.getMessage().startsWith(WEIGHTS + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
        return e.getMessage();
    }
}
