package dev.backprop.model;

import dev.backprop.nn.FlatParameters;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the two files of the model format (see the package documentation) from streams, checking everything: a
 * file that is not a valid model of format version 1, 2 or 3 is refused with a {@link ModelFormatException} naming
 * the file and the problem. I/O errors of the streams themselves pass through as {@link IOException}. Streams are
 * not closed.
 *
 * <p>Reading is in two steps, because the description names the weights file: {@link #readDescription}, then
 * {@link #readWeights}. {@link #read} does both for callers that already hold both streams.
 */
public final class ModelReader {

    private ModelReader() {
    }

    /**
     * Reads and checks {@code model.json}.
     *
     * @param json   the description's bytes (UTF-8 JSON)
     * @param source the file's name for messages, for example {@code models/mnist/model.json}
     * @throws ModelFormatException if it is malformed JSON, not a model description, of a newer version, misses a
     *                              field, has a field of the wrong type, names an unknown activation, output or
     *                              precision, or has a preprocessing that does not fit the network (the message
     *                              names the field, such as {@code preprocessing.feature_scaling.scales[3]});
     *                              unknown fields are ignored
     */
    public static ModelDescription readDescription(InputStream json, String source) throws IOException {
        return ModelJson.read(json, source);
    }

    /**
     * Reads the weights file that {@code description} describes. The parameters are allocated before reading, so a
     * caller reading from a file should first compare its length with {@link ModelDescription#weightsBytes()}, as
     * {@code ModelStore} does: a hostile description cannot then make it allocate more than the file holds.
     *
     * @param source the file's name for messages, for example {@code models/mnist/weights.bin}
     * @throws ModelFormatException if the file is shorter or longer than described, its SHA-256 differs, or a
     *                              value is NaN or infinite
     */
    public static TrainedModel readWeights(ModelDescription description, InputStream weights, String source)
            throws IOException {
        FlatParameters parameters = WeightsCodec.decode(description, weights, source);
        return new TrainedModel(description.spec(), parameters, description.training(),
                description.preprocessing());
    }

    /** Both steps, naming the files {@code model.json} and the weights file's name from the description. */
    public static TrainedModel read(InputStream json, InputStream weights) throws IOException {
        ModelDescription description = readDescription(json, ModelDescription.DESCRIPTION_FILE);
        return readWeights(description, weights, description.weightsFile());
    }

    /** Both steps, naming the files {@code directory/model.json} and {@code directory/<weights file>}. */
    public static TrainedModel read(String directory, InputStream json, InputStream weights) throws IOException {
        ModelDescription description = readDescription(json, directory + "/" + ModelDescription.DESCRIPTION_FILE);
        return readWeights(description, weights, directory + "/" + description.weightsFile());
    }
}
