package dev.backprop.cli;

import dev.backprop.nn.Activation;
import dev.backprop.nn.OutputLoss;

import java.util.Arrays;
import java.util.List;

/** Every key of the training job, with its default and allowed values; conf/train.properties documents them. */
final class TrainSettings {

    static final String DATA_TRAIN = "data.train";
    static final String DATA_TEST = "data.test";
    static final String DATA_FORMAT = "data.format";
    static final String DATA_FEATURES = "data.features";
    static final String DATA_CLASSES = "data.classes";
    static final String DATA_LABEL = "data.label";
    static final String DATA_HEADER = "data.header";
    static final String DATA_DELIMITER = "data.delimiter";
    static final String NET_HIDDEN = "net.hidden";
    static final String NET_ACTIVATION = "net.activation";
    static final String NET_OUTPUT = "net.output";
    static final String EPOCHS = "train.epochs";
    static final String LEARNING_RATE = "train.learning_rate";
    static final String L2 = "train.l2";
    static final String L2_BIASES = "train.l2_biases";
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
            Setting.text(DATA_TRAIN, "src/data/mnist-10k/train.libsvm.gz", false),
            Setting.text(DATA_TEST, "src/data/mnist-10k/test.libsvm.gz", true),
            Setting.choice(DATA_FORMAT, "libsvm", List.of("libsvm", "csv")),
            Setting.integer(DATA_FEATURES, "784", 0),
            Setting.integer(DATA_CLASSES, "10", 0),
            Setting.text(DATA_LABEL, "-1", false),
            Setting.flag(DATA_HEADER, "false"),
            Setting.text(DATA_DELIMITER, ",", false),
            Setting.sizes(NET_HIDDEN, "64"),
            Setting.choice(NET_ACTIVATION, "relu", Arrays.asList(Activation.allowed().split(", "))),
            Setting.choice(NET_OUTPUT, "softmax_cross_entropy", Arrays.asList(OutputLoss.allowed().split(", "))),
            Setting.integer(EPOCHS, "300", 1),
            Setting.number(LEARNING_RATE, "0.5", 0, true),
            Setting.number(L2, "0.0001", 0, false),
            Setting.flag(L2_BIASES, "false"),
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
}
