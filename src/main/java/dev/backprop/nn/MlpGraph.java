package dev.backprop.nn;

import dev.backprop.autodiff.Graph;
import dev.backprop.autodiff.Node;
import dev.backprop.autodiff.ops.BiasAdd;
import dev.backprop.autodiff.ops.MatMul;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.ShapeException;

/**
 * The tape of an MLP, built once and run on each block of examples (one example per column):
 * {@code h_0 = X}, {@code z_l = W_l h_l + b_l}, {@code h_{l+1} = act(z_l)} for hidden layers, and the output's
 * loss on the last {@code z}. The examples and targets are inputs that need no gradient, so the first layer
 * skips the product for dX.
 *
 * <p>The parameters and their gradients are views into flat vectors given from outside; every
 * {@link #addLossAndGradient} ADDS the block's gradient into the flat gradient vector and returns the block's
 * loss summed over its examples. This is the per-partition unit of the distributed trainer.
 */
public final class MlpGraph {

    private final MlpSpec spec;
    private final Graph graph;
    private final Node features;
    private final Node[] weights;
    private final Node[] biases;
    private final Node logits;
    private final Node targets;
    private final Node loss;

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
            z = graph.apply("z" + (l + 1), new BiasAdd(),
                    graph.apply("W" + (l + 1) + "h" + l, new MatMul(), weights[l], h), biases[l]);
            if (l < layers - 1) {
                h = graph.apply("h" + (l + 1), spec.hidden().op(), z);
            }
        }
        logits = z;
        targets = graph.input("t");
        loss = spec.output().attach(graph, logits, targets);
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

    /** The 1x1 loss node (sum over the block's examples). */
    public Node lossNode() {
        return loss;
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
        requireFeatures(blockFeatures);
        if (blockTargets.rows() != spec.outputs() || blockTargets.cols() != blockFeatures.cols()) {
            throw new ShapeException("targets " + blockTargets.shape() + " do not fit network " + spec
                    + " with features " + blockFeatures.shape() + " (expected " + spec.outputs() + "x"
                    + blockFeatures.cols() + ")");
        }
        graph.setInput(features, blockFeatures);
        graph.setInput(targets, blockTargets);
    }

    /** Forward and backward on a block; adds its gradient into the gradient vector; returns its summed loss. */
    public double addLossAndGradient(Matrix blockFeatures, Matrix blockTargets) {
        setBlock(blockFeatures, blockTargets);
        return graph.forwardBackward(loss);
    }

    /** The block's summed loss, forward only. */
    public double loss(Matrix blockFeatures, Matrix blockTargets) {
        setBlock(blockFeatures, blockTargets);
        graph.forward();
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
