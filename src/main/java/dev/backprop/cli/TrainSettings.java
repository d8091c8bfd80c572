package dev.backprop.cli;

import dev.backprop.nn.Activation;
import dev.backprop.nn.OutputLoss;

import java.util.Arrays;
import java.util.List;

/** Every key of the training job, with its default and allowed values; conf/train.properties documents them. */
final class TrainSettings {

    static final String TASK = "task";
    static final String DATA_TRAIN = "data.train";
    static final String DATA_TEST = "data.test";
    static final String DATA_FORMAT = "data.format";
    static final String DATA_FEATURES = "data.features";
    static final String DATA_CLASSES = "data.classes";
    static final String DATA_LABEL = "data.label";
    static final String DATA_HEADER = "data.header";
    static final String DATA_DELIMITER = "data.delimiter";
    static final String DATA_LABELS = "data.labels";
    static final String DATA_IGNORE = "data.ignore";
    static final String DATA_CATEGORICAL = "data.categorical";
    static final String DATA_MISSING = "data.missing";
    static final String DATA_MISSING_VALUES = "data.missing_values";
    static final String DATA_UNSEEN = "data.unseen";
    static final String DATA_WEIGHT = "data.weight";
    static final String DATA_SCALE = "data.scale";
    static final String DATA_SCALE_TARGET = "data.scale_target";
    static final String NET_HIDDEN = "net.hidden";
    static final String NET_ACTIVATION = "net.activation";
    static final String NET_OUTPUT = "net.output";
    static final String EPOCHS = "train.epochs";
    static final String LEARNING_RATE = "train.learning_rate";
    static final String L2 = "train.l2";
    static final String L2_BIASES = "train.l2_biases";
    static final String CLASS_WEIGHTS = "train.class_weights";
    static final String BLOCK_SIZE = "train.block_size";
    static final String PARTITIONS = "train.partitions";
    static final String AGGREGATION_DEPTH = "train.aggregation_depth";
    static final String SEED = "train.seed";
    static final String SHUFFLE = "train.shuffle";
    static final String PRECISION = "train.precision";
    static final String EVAL_EVERY = "train.eval_every";
    static final String MODEL_OUT = "model.out";
    static final String MODEL_OVERWRITE = "model.overwrite";

    static final List<Setting> ALL = List.of(
            Setting.choice(TASK, "classification", List.of("classification", "regression")),
            Setting.text(DATA_TRAIN, "src/data/mnist-10k/train.libsvm.gz", false),
            Setting.text(DATA_TEST, "src/data/mnist-10k/test.libsvm.gz", true),
            Setting.choice(DATA_FORMAT, "libsvm", List.of("libsvm", "csv")),
            Setting.integer(DATA_FEATURES, "784", 0),
            Setting.integer(DATA_CLASSES, "0", 0),
            Setting.text(DATA_LABEL, "-1", false),
            Setting.flag(DATA_HEADER, "false"),
            Setting.text(DATA_DELIMITER, ",", false),
            Setting.text(DATA_LABELS, "", true),
            Setting.text(DATA_IGNORE, "", true),
            Setting.text(DATA_CATEGORICAL, "", true),
            Setting.choice(DATA_MISSING, "error", List.of("error", "mean")),
            Setting.text(DATA_MISSING_VALUES, "", true),
            Setting.choice(DATA_UNSEEN, "error", List.of("error", "ignore")),
            Setting.text(DATA_WEIGHT, "", true),
            Setting.choice(DATA_SCALE, "none", List.of("standard", "minmax", "none")),
            Setting.flag(DATA_SCALE_TARGET, "true"),
            Setting.sizes(NET_HIDDEN, "64"),
            Setting.choice(NET_ACTIVATION, "relu", Arrays.asList(Activation.allowed().split(", "))),
            Setting.choice(NET_OUTPUT, "auto", outputs()),
            Setting.integer(EPOCHS, "300", 1),
            Setting.number(LEARNING_RATE, "0.5", 0, true),
            Setting.number(L2, "0.0001", 0, false),
            Setting.flag(L2_BIASES, "false"),
            Setting.text(CLASS_WEIGHTS, "none", false),
            Setting.integer(BLOCK_SIZE, "256", 1),
            Setting.integer(PARTITIONS, "0", 0),
            Setting.integer(AGGREGATION_DEPTH, "2", 1),
            Setting.integer(SEED, "42", 0),
            Setting.flag(SHUFFLE, "true"),
            Setting.choice(PRECISION, "float", List.of("float", "double")),
            Setting.integer(EVAL_EVERY, "1", 0),
            Setting.text(MODEL_OUT, "target/models/mnist-mlp", false),
            Setting.flag(MODEL_OVERWRITE, "true"));

    private TrainSettings() {
    }

    /** auto, then every output/loss name. */
    private static List<String> outputs() {
        List<String> names = new java.util.ArrayList<>(List.of("auto"));
        names.addAll(Arrays.asList(OutputLoss.allowed().split(", ")));
        return names;
    }
}
