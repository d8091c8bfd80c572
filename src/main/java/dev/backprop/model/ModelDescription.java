package dev.backprop.model;

import dev.backprop.data.Preprocessing;
import dev.backprop.nn.MlpSpec;
import dev.backprop.nn.ParameterLayout;
import dev.backprop.tensor.Precision;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What {@code model.json} says (format versions {@value #FIRST_VERSION} to {@value #CURRENT_VERSION}; see the
 * package documentation for the file): the network, the precision and number of parameters, the training metadata,
 * the name, length and SHA-256 of the weights file, and the preprocessing. The constructor checks that the parts
 * agree with each other.
 *
 * @param spec           the network: layer sizes, hidden activation, output and loss
 * @param precision      how each parameter is stored in the weights file: float32 or float64
 * @param parameterCount number of parameters, equal to the network's {@link ParameterLayout#size()}
 * @param training       training metadata, normalized as in {@link TrainedModel}
 * @param weightsFile    the weights file's name in the model directory: a plain name, no directory part
 * @param weightsBytes   the weights file's length: {@code parameterCount * precision.bytes()}
 * @param weightsSha256  the weights file's SHA-256, 64 lowercase hex digits
 * @param preprocessing  labels, table schema and scalers ({@link Preprocessing#NONE} for none), fitting the network
 *                       as the package documentation says
 */
public record ModelDescription(MlpSpec spec, Precision precision, int parameterCount, Map<String, Object> training,
                               String weightsFile, long weightsBytes, String weightsSha256,
                               Preprocessing preprocessing) {

    /** The value of the {@code "format"} field. */
    public static final String FORMAT = "backprop-spark-model";
    /** The first format version, which has no preprocessing; written for a model without preprocessing. */
    public static final int FIRST_VERSION = 1;
    /** The version that adds {@code "preprocessing"}: written for a model with preprocessing and one target. */
    public static final int PREPROCESSING_VERSION = 2;
    /**
     * The newest format version, which adds several regression targets (a table's {@code label_columns}, a target
     * scaling per target): written for a model with several targets, and the highest version this code reads.
     */
    public static final int CURRENT_VERSION = 3;
    /** The description's file name in a model directory. */
    public static final String DESCRIPTION_FILE = "model.json";
    /** The weights file's name as written by {@link ModelWriter}. */
    public static final String WEIGHTS_FILE = "weights.bin";

    private static final Pattern PLAIN_FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,254}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public ModelDescription {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(weightsFile, "weightsFile");
        Objects.requireNonNull(weightsSha256, "weightsSha256");
        Objects.requireNonNull(preprocessing, "preprocessing (Preprocessing.NONE for none)");
        int expectedCount = new ParameterLayout(spec).size();
        if (parameterCount != expectedCount) {
            throw new IllegalArgumentException("parameter_count is " + parameterCount + " but network " + spec
                    + " has " + expectedCount + " parameters");
        }
        long expectedBytes = (long) parameterCount * precision.bytes();
        if (weightsBytes != expectedBytes) {
            throw new IllegalArgumentException("weights.bytes is " + weightsBytes + " but " + parameterCount + " "
                    + precisionName(precision) + " parameters take " + expectedBytes + " bytes");
        }
        if (!PLAIN_FILE_NAME.matcher(weightsFile).matches() || weightsFile.equals(DESCRIPTION_FILE)) {
            throw new IllegalArgumentException("weights.file must be a plain file name in the model directory"
                    + " (letters, digits, '.', '_', '-'; not starting with '.' or '-'; not " + DESCRIPTION_FILE
                    + "), got '" + weightsFile + "'");
        }
        weightsSha256 = weightsSha256.toLowerCase(Locale.ROOT);
        if (!SHA256_HEX.matcher(weightsSha256).matches()) {
            throw new IllegalArgumentException("weights.sha256 must be 64 hex digits, got '" + weightsSha256 + "'");
        }
        training = TrainingMetadata.normalize(training);
        PreprocessingJson.checkFits(spec, preprocessing);
    }

    /** A description without preprocessing. */
    public ModelDescription(MlpSpec spec, Precision precision, int parameterCount, Map<String, Object> training,
                            String weightsFile, long weightsBytes, String weightsSha256) {
        this(spec, precision, parameterCount, training, weightsFile, weightsBytes, weightsSha256,
                Preprocessing.NONE);
    }

    /**
     * The format version of this description's file, the lowest that holds the model, so that older readers still
     * read what they can: {@value #FIRST_VERSION} without preprocessing, {@value #PREPROCESSING_VERSION} with
     * preprocessing of one target, {@value #CURRENT_VERSION} with several regression targets.
     */
    public int version() {
        if (preprocessing.isNone()) {
            return FIRST_VERSION;
        }
        return PreprocessingJson.needsSeveralTargets(preprocessing) ? CURRENT_VERSION : PREPROCESSING_VERSION;
    }

    /** The name of a precision in the file: {@code float32} or {@code float64}. */
    public static String precisionName(Precision precision) {
        return precision == Precision.FLOAT ? "float32" : "float64";
    }

    /** Parses {@code float32} or {@code float64} (exactly; the file format has no other spellings). */
    public static Precision parsePrecision(String name) {
        return switch (name) {
            case "float32" -> Precision.FLOAT;
            case "float64" -> Precision.DOUBLE;
            default -> throw new IllegalArgumentException("unknown precision '" + name
                    + "'; allowed: float32, float64");
        };
    }
}
