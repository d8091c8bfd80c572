package dev.backprop.model;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a {@link TrainedModel} as the two files of the model format (see the package documentation): the
 * description ({@code model.json}) and the weights ({@code weights.bin}). Construction encodes the parameters once
 * to compute the weights' SHA-256, so the description can be written before or after the weights; it refuses a
 * model with non-finite parameters.
 *
 * <p>This class writes streams and does not close them; opening files, writing them atomically and naming the
 * directory is the caller's part ({@code dev.backprop.spark.ModelStore} does it through Hadoop's FileSystem).
 */
public final class ModelWriter {

    private final TrainedModel model;
    private final ModelDescription description;

    /**
     * Prepares {@code model} for writing.
     *
     * @throws IllegalArgumentException if a parameter is NaN or infinite (the message names it), or the model's
     *                                  preprocessing does not fit its network (the message names the field of
     *                                  {@code model.json}, see the package documentation)
     */
    public ModelWriter(TrainedModel model) {
        this.model = model;
        String sha256;
        try {
            sha256 = WeightsCodec.encode(model.parameters(), null);
        } catch (IOException e) {
            throw new IllegalStateException("no stream was written", e);
        }
        this.description = new ModelDescription(model.spec(), model.precision(), model.parameterCount(),
                model.training(), ModelDescription.WEIGHTS_FILE, (long) model.parameterCount()
                * model.precision().bytes(), sha256, model.preprocessing());
    }

    /** What {@link #writeDescription} writes, including the weights file's name, length and SHA-256. */
    public ModelDescription description() {
        return description;
    }

    /**
     * Writes {@code model.json}: UTF-8 JSON, ending with a newline; format version 1 for a model without
     * preprocessing (byte for byte what version-1 writers wrote), version 2 with it, version 3 for a regression with
     * several targets. Flushes, does not close.
     */
    public void writeDescription(OutputStream out) throws IOException {
        ModelJson.write(description, out);
    }

    /**
     * Writes {@code weights.bin}: the parameters as little-endian float32 or float64. Flushes, does not close.
     *
     * @throws IllegalStateException if the parameters changed since this writer was made (the description's
     *                               checksum would not match what was written)
     */
    public void writeWeights(OutputStream out) throws IOException {
        String written = WeightsCodec.encode(model.parameters(), out);
        out.flush();
        if (!written.equals(description.weightsSha256())) {
            throw new IllegalStateException("the parameters changed while the model was being written (SHA-256 "
                    + written + ", description says " + description.weightsSha256() + ")");
        }
    }
}
