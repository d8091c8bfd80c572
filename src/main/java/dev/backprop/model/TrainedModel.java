package dev.backprop.model;

import dev.backprop.data.Preprocessing;
import dev.backprop.nn.FlatParameters;
import dev.backprop.nn.MlpSpec;
import dev.backprop.tensor.Precision;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A network that can be saved and loaded: its description, its parameters (in {@link dev.backprop.nn.ParameterLayout}
 * order, in their precision) and the training metadata written with it (epochs, learning rate, data path,
 * accuracy, ...: a flat map of strings, booleans and finite numbers, see the package documentation).
 *
 * <p>The parameters are held, not copied: changing them changes the model. Equality of the parameters is identity.
 *
 * @param spec       the network; equal to the parameters' layout spec
 * @param parameters all weights and biases
 * @param training   training metadata, normalized to an unmodifiable sorted map (integral numbers as {@link Long},
 *                   others as {@link Double})
 * @param preprocessing how raw input becomes the network's input and its output what users see (labels, table
 *                      schema, scalers); {@link Preprocessing#NONE} for none. Saved in {@code model.json} (format
 *                      version 2), which requires that it fit the network as the package documentation says:
 *                      {@link ModelWriter} refuses a model whose preprocessing does not
 */
public record TrainedModel(MlpSpec spec, FlatParameters parameters, Map<String, Object> training,
                           Preprocessing preprocessing) {

    public TrainedModel {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(parameters, "parameters");
        if (!spec.equals(parameters.layout().spec())) {
            throw new IllegalArgumentException("parameters are laid out for network " + parameters.layout().spec()
                    + ", not " + spec);
        }
        training = TrainingMetadata.normalize(training);
        Objects.requireNonNull(preprocessing, "preprocessing (Preprocessing.NONE for none)");
    }

    /** A model without preprocessing. */
    public TrainedModel(MlpSpec spec, FlatParameters parameters, Map<String, Object> training) {
        this(spec, parameters, training, Preprocessing.NONE);
    }

    /** A model of {@code parameters}' network, without preprocessing. */
    public TrainedModel(FlatParameters parameters, Map<String, Object> training) {
        this(parameters.layout().spec(), parameters, training, Preprocessing.NONE);
    }

    /** A model of {@code parameters}' network. */
    public TrainedModel(FlatParameters parameters, Map<String, Object> training, Preprocessing preprocessing) {
        this(parameters.layout().spec(), parameters, training, preprocessing);
    }

    /** The precision in which the parameters are stored (and written). */
    public Precision precision() {
        return parameters.flat().precision();
    }

    /** Number of parameters (weights and biases). */
    public int parameterCount() {
        return parameters.layout().size();
    }

    /** The same network and parameters with one more (or a replaced) metadata entry. */
    public TrainedModel withTraining(String key, Object value) {
        SortedMap<String, Object> more = new TreeMap<>(training);
        more.put(key, value);
        return new TrainedModel(spec, parameters, more, preprocessing);
    }
}
