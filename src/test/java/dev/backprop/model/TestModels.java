package dev.backprop.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.data.FeatureScaler;
import dev.backprop.data.Preprocessing;
import dev.backprop.data.TableSchema;
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
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Models and model files for the tests of the model format and of ModelStore. */
public final class TestModels {

    public static final MlpSpec SPEC = new MlpSpec(new int[] {5, 7, 4, 3}, Activation.TANH,
            OutputLoss.SOFTMAX_CROSS_ENTROPY);

    /** A binary classifier of the {@link #classificationTable()} (7 features): one sigmoid output, two labels. */
    public static final MlpSpec BINARY_SPEC = new MlpSpec(new int[] {7, 5, 1}, Activation.RELU,
            OutputLoss.SIGMOID_BINARY_CROSS_ENTROPY);
    /** A regression of the {@link #regressionTable()} (4 features). */
    public static final MlpSpec REGRESSION_SPEC = new MlpSpec(new int[] {4, 3, 1}, Activation.TANH,
            OutputLoss.IDENTITY_SQUARED_ERROR);

    private TestModels() {
    }

    /**
     * A classification CSV schema with text labels: label column {@code diagnosis}; columns {@code age},
     * {@code color} (categorical: blue, red), {@code height}, {@code site} (categorical: a, b, c), which expand to
     * 7 features.
     */
    public static TableSchema.State classificationTable() {
        return new TableSchema.State("diagnosis", List.of("benign", "malignant"),
                List.of("age", "color", "height", "site"), List.of(false, true, false, true),
                List.of(List.of(), List.of("blue", "red"), List.of(), List.of("a", "b", "c")),
                List.of(41.25, 0.625, 0.375, 172.5, 0.5, 0.25, 0.25));
    }

    /** Labels, table and a standard feature scaler of the classification table (for {@link #BINARY_SPEC}). */
    public static Preprocessing classificationPreprocessing() {
        FeatureScaler features = FeatureScaler.of(new double[] {41.25, 0.625, 0.375, 172.5, 0.5, 0.25, 0.25},
                new double[] {12.5, 0.484, 0.484, 9.75, 0.5, 0.433, 0.433});
        return new Preprocessing(List.of("benign", "malignant"), classificationTable(), features, null);
    }

    /**
     * A regression CSV schema: label column {@code price} (a number, no labels); columns {@code rooms}, {@code area},
     * {@code zone} (categorical: north, south), which expand to 4 features.
     */
    public static TableSchema.State regressionTable() {
        return new TableSchema.State("price", List.of(), List.of("rooms", "area", "zone"),
                List.of(false, false, true), List.of(List.of(), List.of(), List.of("north", "south")),
                List.of(3.5, 2500.0, 0.4, 0.6));
    }

    /** Table, min-max feature scaler and a target scaler of the regression table (for {@link #REGRESSION_SPEC}). */
    public static Preprocessing regressionPreprocessing() {
        FeatureScaler features = FeatureScaler.of(new double[] {1, 0.001, 0, 0}, new double[] {5, 9999.999, 1, 1});
        FeatureScaler target = FeatureScaler.of(new double[] {250000.5}, new double[] {1e5});
        return new Preprocessing(List.of(), regressionTable(), features, target);
    }

    /** {@code model} with {@code preprocessing}. */
    public static TrainedModel with(TrainedModel model, Preprocessing preprocessing) {
        return new TrainedModel(model.spec(), model.parameters(), model.training(), preprocessing);
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
