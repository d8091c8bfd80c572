package dev.backprop.nn;

import dev.backprop.autodiff.Graph;
import dev.backprop.autodiff.Node;
import dev.backprop.autodiff.ops.Dense;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.ShapeException;

/**
 * The tape of an MLP, built once and run on each block of examples (one example per column):
 * {@code h_0 = X}, {@code z_l = W_l h_l + b_l} (one {@link Dense} op per layer), {@code h_{l+1} = act(z_l)} for
 * hidden layers, and the output's loss on the last {@code z}. The examples and targets are inputs that need no gradient, so the first layer
 * skips the product for dX.
 *
 * <p>The parameters and their gradients are views into flat vectors given from outside; every
 * {@link #addLossAndGradient} ADDS the block's gradient into the flat gradient vector and returns the block's
 * loss summed over its examples. This is the per-partition unit of the distributed trainer.
 *
 * <p>Example weights: the tape holds two loss nodes on the same logits and targets, the plain loss and the loss
 * weighted by a 1 x n input of example weights ({@code sum_j w_j l_j}). A block given without weights runs the
 * plain loss only, exactly as an unweighted graph would; a block with weights runs the weighted one. While an
 * unweighted block is set, the weights input holds a row of ones, so that a forward pass over the whole tape
 * (as {@link dev.backprop.autodiff.GradientCheck} runs) stays well defined.
 */
public final class MlpGraph {

    private final MlpSpec spec;
    private final Graph graph;
    private final Node features;
    private final Node[] weights;
    private final Node[] biases;
    private final Node logits;
    private final Node targets;
    private final Node exampleWeights;
    private final Node plainLoss;
    private final Node weightedLoss;
    /** The loss of the block last set: {@link #plainLoss} or {@link #weightedLoss}. */
    private Node loss;
    /** A row of ones at least as long as the largest unweighted block seen, for the weights input. */
    private Matrix ones;

    /** A graph reading {@code parameters} and adding into {@code gradients} (same layout and precision). */
    public MlpGraph(FlatParameters parameters, FlatParameters gradients) {
        this.spec = parameters.layout().spec();
        this.graph = new Graph(parameters.flat().precision());
        int layers = spec.layers();
        weights = new Node[layers];
        biases = new Node[layers];
        features = graph.input("x");
        Node h = features;
        Node z = null;
        for (int l = 0; l < layers; l++) {
            weights[l] = graph.parameter("W" + (l + 1), parameters.weights(l), gradients.weights(l));
            biases[l] = graph.parameter("b" + (l + 1), parameters.bias(l), gradients.bias(l));
            z = graph.apply("z" + (l + 1), new Dense(), weights[l], h, biases[l]);
            if (l < layers - 1) {
                h = graph.apply("h" + (l + 1), spec.hidden().op(), z);
            }
        }
        logits = z;
        targets = graph.input("t");
        exampleWeights = graph.input("example_weights");
        Node compared = spec.output().lossInput(graph, logits);
        // The plain loss comes first: forwardTo(plainLoss) never computes the weighted one.
        plainLoss = graph.apply("loss", spec.output().lossOp(), compared, targets);
        weightedLoss = graph.apply("weighted_loss", spec.output().lossOp(), compared, targets, exampleWeights);
        loss = plainLoss;
    }

    /** A graph with its own gradient buffer, for prediction and evaluation. */
    public MlpGraph(FlatParameters parameters) {
        this(parameters, FlatParameters.zeros(parameters.layout(), parameters.flat().precision()));
    }

    /** Points the graph at other parameter and gradient vectors of the same layout (no copy). */
    public void bind(FlatParameters parameters, FlatParameters gradients) {
        for (int l = 0; l < spec.layers(); l++) {
            graph.setParameter(weights[l], parameters.weights(l), gradients.weights(l));
            graph.setParameter(biases[l], parameters.bias(l), gradients.bias(l));
        }
    }

    public MlpSpec spec() {
        return spec;
    }

    /** The underlying tape, for inspection and gradient checks. */
    public Graph graph() {
        return graph;
    }

    /** The logits of the last forward pass (outputs x n): the last affine layer, before the output function. */
    public Matrix logits() {
        return logits.value();
    }

    /**
     * The 1x1 loss node of the block last set (the sum over its examples, weighted if the block has weights): the
     * node to give {@link dev.backprop.autodiff.GradientCheck}.
     */
    public Node lossNode() {
        return loss;
    }

    /** The input node of the example weights (1 x n), wired as the weighted loss's third input. */
    public Node exampleWeightsNode() {
        return exampleWeights;
    }

    /** The parameter nodes, weights and bias of each layer in order. */
    public java.util.List<Node> parameterNodes() {
        java.util.List<Node> nodes = new java.util.ArrayList<>();
        for (int l = 0; l < spec.layers(); l++) {
            nodes.add(weights[l]);
            nodes.add(biases[l]);
        }
        return nodes;
    }

    /** Gives the graph a block: features (inputs x n) and targets (outputs x n), used without copying. */
    public void setBlock(Matrix blockFeatures, Matrix blockTargets) {
        setBlock(blockFeatures, blockTargets, null);
    }

    /**
     * Gives the graph a block: features (inputs x n), targets (outputs x n) and example weights (1 x n, or null for
     * an unweighted block), used without copying.
     */
    public void setBlock(Matrix blockFeatures, Matrix blockTargets, Matrix blockWeights) {
        requireFeatures(blockFeatures);
        if (blockTargets.rows() != spec.outputs() || blockTargets.cols() != blockFeatures.cols()) {
            throw new ShapeException("targets " + blockTargets.shape() + " do not fit network " + spec
                    + " with features " + blockFeatures.shape() + " (expected " + spec.outputs() + "x"
                    + blockFeatures.cols() + ")");
        }
        int n = blockFeatures.cols();
        if (blockWeights != null && (blockWeights.rows() != 1 || blockWeights.cols() != n)) {
            throw new ShapeException("example weights " + blockWeights.shape() + " do not fit features "
                    + blockFeatures.shape() + " (expected 1x" + n + ")");
        }
        graph.setInput(features, blockFeatures);
        graph.setInput(targets, blockTargets);
        graph.setInput(exampleWeights, blockWeights != null ? blockWeights : ones(n));
        loss = blockWeights != null ? weightedLoss : plainLoss;
    }

    private Matrix ones(int n) {
        if (ones == null || ones.cols() < n) {
            ones = Matrix.zeros(graph.precision(), 1, n);
            ones.fill(1);
        }
        return ones.columns(0, n);
    }

    /** Forward and backward on a block; adds its gradient into the gradient vector; returns its summed loss. */
    public double addLossAndGradient(Matrix blockFeatures, Matrix blockTargets) {
        return addLossAndGradient(blockFeatures, blockTargets, null);
    }

    /**
     * Forward and backward on a block with example weights (1 x n, or null for none); adds its gradient, the
     * gradient of {@code sum_j w_j l_j}, into the gradient vector; returns that weighted sum.
     */
    public double addLossAndGradient(Matrix blockFeatures, Matrix blockTargets, Matrix blockWeights) {
        setBlock(blockFeatures, blockTargets, blockWeights);
        graph.forwardTo(loss);
        graph.backward(loss);
        return loss.value().get(0);
    }

    /** The block's summed loss, forward only. */
    public double loss(Matrix blockFeatures, Matrix blockTargets) {
        return loss(blockFeatures, blockTargets, null);
    }

    /** The block's loss summed over its examples with weights (1 x n, or null for none), forward only. */
    public double loss(Matrix blockFeatures, Matrix blockTargets, Matrix blockWeights) {
        setBlock(blockFeatures, blockTargets, blockWeights);
        graph.forwardTo(loss);
        return loss.value().get(0);
    }

    /** The network's outputs (class probabilities or values, outputs x n) for a block of features. */
    public Matrix predict(Matrix blockFeatures) {
        requireFeatures(blockFeatures);
        graph.setInput(features, blockFeatures);
        graph.forwardTo(logits);
        Matrix out = logits.value().newZeros(spec.outputs(), blockFeatures.cols());
        spec.output().predict(logits.value(), out);
        return out;
    }

    private void requireFeatures(Matrix blockFeatures) {
        if (blockFeatures.rows() != spec.inputs()) {
            throw new ShapeException("features " + blockFeatures.shape() + " do not fit network " + spec
                    + " (expected " + spec.inputs() + " rows, one example per column)");
        }
    }
}
