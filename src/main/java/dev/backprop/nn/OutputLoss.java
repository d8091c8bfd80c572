package dev.backprop.nn;

import dev.backprop.autodiff.Graph;
import dev.backprop.autodiff.Node;
import dev.backprop.autodiff.Op;
import dev.backprop.autodiff.ops.Sigmoid;
import dev.backprop.loss.BinaryCrossEntropyWithLogits;
import dev.backprop.loss.SoftmaxCrossEntropy;
import dev.backprop.loss.SquaredError;
import dev.backprop.tensor.FloatMatrix;
import dev.backprop.tensor.Matrix;


/**
 * The output layer's function paired with its loss. The network's last affine layer produces logits {@code z};
 * the loss is attached to {@code z} in the stable fused form where one exists, and {@link #predict} turns logits
 * into what users see (class probabilities or values).
 */
public enum OutputLoss {
    /** Softmax over the classes with cross-entropy against one-hot targets: multiclass classification. */
    SOFTMAX_CROSS_ENTROPY(true),
    /** Sigmoid with binary cross-entropy (from logits) against 0/1 targets: binary or multi-label classification. */
    SIGMOID_BINARY_CROSS_ENTROPY(true),
    /** Identity output with least squares 1/2 (y - t)^2: regression. */
    IDENTITY_SQUARED_ERROR(false),
    /** Sigmoid output with least squares 1/2 (y - t)^2: the worked example's pairing. */
    SIGMOID_SQUARED_ERROR(false);

    private final boolean classification;

    OutputLoss(boolean classification) {
        this.classification = classification;
    }

    /** Whether targets are classes (one-hot or 0/1) rather than real values. */
    public boolean isClassification() {
        return classification;
    }

    /** Appends the loss of {@code logits} against {@code targets} to {@code graph}: the 1x1 sum over examples. */
    public Node attach(Graph graph, Node logits, Node targets) {
        return attach(graph, logits, targets, null);
    }

    /**
     * Appends the loss of {@code logits} against {@code targets}, weighted per example by {@code weights} (a 1 x n
     * input) when it is not null: the 1x1 sum over examples of {@code w_j l_j}.
     */
    public Node attach(Graph graph, Node logits, Node targets, Node weights) {
        Node compared = lossInput(graph, logits);
        return weights == null ? graph.apply("loss", lossOp(), compared, targets)
                : graph.apply("loss", lossOp(), compared, targets, weights);
    }

    /**
     * Appends to {@code graph} what the loss compares with the targets: the logits themselves, or for
     * {@link #SIGMOID_SQUARED_ERROR} their sigmoid (a node named {@code output}).
     */
    public Node lossInput(Graph graph, Node logits) {
        return this == SIGMOID_SQUARED_ERROR ? graph.apply("output", new Sigmoid(), logits) : logits;
    }

    /**
     * The loss op applied to ({@link #lossInput}, targets) or ({@link #lossInput}, targets, example weights): a new,
     * stateless instance.
     */
    public Op lossOp() {
        return switch (this) {
            case SOFTMAX_CROSS_ENTROPY -> new SoftmaxCrossEntropy();
            case SIGMOID_BINARY_CROSS_ENTROPY -> new BinaryCrossEntropyWithLogits();
            case IDENTITY_SQUARED_ERROR, SIGMOID_SQUARED_ERROR -> new SquaredError();
        };
    }

    /** Writes the network's output for {@code logits} into {@code out} (same shape). */
    public void predict(Matrix logits, Matrix out) {
        switch (this) {
            case SOFTMAX_CROSS_ENTROPY -> softmax(logits, out);
            case SIGMOID_BINARY_CROSS_ENTROPY, SIGMOID_SQUARED_ERROR -> logits.map(Sigmoid::sigmoid, out);
            case IDENTITY_SQUARED_ERROR -> out.copyFrom(logits);
        }
    }

    private static void softmax(Matrix logits, Matrix out) {
        int k = logits.rows();
        for (int j = 0; j < logits.cols(); j++) {
            double lse = SoftmaxCrossEntropy.logSumExp(logits, j);
            for (int r = 0; r < k; r++) {
                int i = j * k + r;
                out.set(i, Math.exp(logits.get(i) - lse));
            }
        }
    }

    /**
     * The class predicted for example {@code column} from its logits: the largest logit, or for a single output
     * 1 when the logit is at least 0 (the sigmoid at least 0.5).
     */
    public static int predictedClass(Matrix logits, int column) {
        return argmax(logits, column, 0);
    }

    /**
     * The class of a target or probability column: its largest value, or for a single row 1 when the value is at
     * least 0.5.
     */
    public static int targetClass(Matrix targets, int column) {
        return argmax(targets, column, 0.5);
    }

    private static int argmax(Matrix m, int column, double threshold) {
        int k = m.rows();
        if (m instanceof FloatMatrix f) {
            return argmax(f.data(), f.offset() + column * k, k, threshold);
        }
        if (k == 1) {
            return m.get(0, column) >= threshold ? 1 : 0;
        }
        int best = 0;
        for (int r = 1; r < k; r++) {
            if (m.get(r, column) > m.get(best, column)) {
                best = r;
            }
        }
        return best;
    }

    /** {@link #argmax(Matrix, int, double)} on the {@code k} floats from {@code base}, without a call per value. */
    private static int argmax(float[] data, int base, int k, double threshold) {
        if (k == 1) {
            return data[base] >= threshold ? 1 : 0;
        }
        int best = 0;
        float bestValue = data[base];
        for (int r = 1; r < k; r++) {
            if (data[base + r] > bestValue) {
                best = r;
                bestValue = data[base + r];
            }
        }
        return best;
    }

    /** The name used in configuration, for example {@code softmax_cross_entropy}. */
    public String configName() {
        return ConfigNames.of(this);
    }

    /** Parses a configuration name; the error lists the allowed names. */
    public static OutputLoss parse(String text) {
        return ConfigNames.parse(OutputLoss.class, text, "output/loss");
    }

    /** The allowed configuration names, comma-separated. */
    public static String allowed() {
        return ConfigNames.allowed(OutputLoss.class);
    }
}
