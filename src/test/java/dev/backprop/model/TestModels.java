package dev.backprop.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.nn.Activation;
import dev.backprop.nn.FlatParameters;
import dev.backprop.nn.MlpSpec;
import dev.backprop.nn.OutputLoss;
import dev.backprop.nn.ParameterLayout;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Models and model files for the tests of the model format and of ModelStore. */
public final class TestModels {

    public static final MlpSpec SPEC = new MlpSpec(new int[] {5, 7, 4, 3}, Activation.TANH,
            OutputLoss.SOFTMAX_CROSS_ENTROPY);

    private TestModels() {
    }

    /** Seeded weights and non-zero biases, with training metadata of every kind. */
    public static TrainedModel model(MlpSpec spec, Precision precision, long seed) {
        FlatParameters p = FlatParameters.initialize(new ParameterLayout(spec), precision, seed);
        SplittableRandom random = new SplittableRandom(seed + 1);
        for (int l = 0; l < spec.layers(); l++) {
            Matrix b = p.bias(l);
            for (int i = 0; i < b.size(); i++) {
                b.set(i, random.nextGaussian() * 0.1);
            }
        }
        return new TrainedModel(p, training());
    }

    public static TrainedModel model(Precision precision) {
        return model(SPEC, precision, 42);
    }

    public static Map<String, Object> training() {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("train.epochs", 300);
        t.put("train.learning_rate", 0.1);
        t.put("train.l2", 1e-4);
        t.put("train.seed", 1234567890123L);
        t.put("train.regularize_biases", false);
        t.put("data.train", "hdfs://nn:8020/data/mnist train.libsvm.gz");
        t.put("test_accuracy", 0.9312345678901234);
        t.put("note", "ünïcødé ✓");
        return t;
    }

    /** The two files of a model, in memory. */
    public record Files(byte[] json, byte[] weights) {

        public String jsonText() {
            return new String(json, StandardCharsets.UTF_8);
        }

        public ObjectNode jsonTree() {
            try {
                return (ObjectNode) new ObjectMapper().readTree(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Files withJson(JsonNode tree) {
            return new Files(tree.toString().getBytes(StandardCharsets.UTF_8), weights);
        }

        public Files withJson(String text) {
            return new Files(text.getBytes(StandardCharsets.UTF_8), weights);
        }

        public Files withWeights(byte[] newWeights) {
            return new Files(json, newWeights);
        }
    }

    public static Files write(TrainedModel model) {
        try {
            ModelWriter writer = new ModelWriter(model);
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            ByteArrayOutputStream weights = new ByteArrayOutputStream();
            writer.writeWeights(weights);
            writer.writeDescription(json);
            assertEquals(writer.description().weightsBytes(), weights.size());
            return new Files(json.toByteArray(), weights.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SHA-256 of {@code bytes} as lowercase hex. */
    public static String sha256(byte[] bytes) {
        return WeightsCodec.hex(WeightsCodec.sha256().digest(bytes));
    }
}
