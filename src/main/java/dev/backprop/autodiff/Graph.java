package dev.backprop.autodiff;

import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;
import dev.backprop.tensor.Shape;
import dev.backprop.tensor.ShapeException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A tape of nodes in creation order. Build it once for an architecture, then for each block of data: give the
 * inputs ({@link #setInput}), run {@link #forward()}, and {@link #backward(Node)} from a 1x1 output.
 *
 * <p>Buffers: computed values and interior gradients are allocated by the graph on first use and reused while
 * shapes stay the same; {@link #allocations()} counts every buffer the graph has allocated. Parameter gradients
 * are buffers given from outside (typically views into one flat gradient vector) and backward only ever adds into
 * them, so running several blocks sums their gradients; the caller zeroes them when it starts a new sum.
 *
 * <p>A graph is not thread-safe; use one per thread.
 */
public final class Graph {

    private final Precision precision;
    private final List<Node> tape = new ArrayList<>();
    private final List<Matrix[]> inputScratch = new ArrayList<>();
    private final List<Matrix[]> gradScratch = new ArrayList<>();
    private long allocations;

    public Graph(Precision precision) {
        this.precision = precision;
    }

    public Precision precision() {
        return precision;
    }

    /** The nodes in topological (creation) order. */
    public List<Node> nodes() {
        return Collections.unmodifiableList(tape);
    }

    /** Number of value and gradient buffers this graph has allocated so far. */
    public long allocations() {
        return allocations;
    }

    /** An input (data, targets): needs no gradient; its value is set with {@link #setInput} before forward. */
    public Node input(String name) {
        return add(new Node(tape.size(), name, Node.Kind.INPUT, null, new Node[0], false));
    }

    /** An input with its first value. */
    public Node input(String name, Matrix value) {
        Node node = input(name);
        setInput(node, value);
        return node;
    }

    /**
     * A parameter whose value and gradient buffers live outside the graph (for example views into flat vectors).
     * Backward adds dL/dparameter into {@code grad} and never resets it.
     */
    public Node parameter(String name, Matrix value, Matrix grad) {
        Node node = add(new Node(tape.size(), name, Node.Kind.PARAMETER, null, new Node[0], true));
        setParameter(node, value, grad);
        return node;
    }

    /** A leaf that needs a gradient, kept by the graph and reset on every backward pass. */
    public Node variable(String name, Matrix value) {
        Node node = add(new Node(tape.size(), name, Node.Kind.VARIABLE, null, new Node[0], true));
        setInput(node, value);
        return node;
    }

    /** Records {@code op} applied to {@code parents}; its value is computed by the next {@link #forward()}. */
    public Node apply(String name, Op op, Node... parents) {
        boolean requiresGrad = false;
        for (Node parent : parents) {
            if (parent == null || parent.index >= tape.size() || tape.get(parent.index) != parent) {
                throw new IllegalArgumentException("node " + name + ": a parent does not belong to this graph");
            }
            requiresGrad |= parent.requiresGrad;
        }
        Node node = add(new Node(tape.size(), name, Node.Kind.COMPUTED, op, parents.clone(), requiresGrad));
        return node;
    }

    /** Records {@code op} applied to {@code parents}, named after the op and its tape position. */
    public Node apply(Op op, Node... parents) {
        return apply(op.name() + tape.size(), op, parents);
    }

    /** Gives an input or variable its value (used as is, not copied). */
    public void setInput(Node node, Matrix value) {
        if (node.kind != Node.Kind.INPUT && node.kind != Node.Kind.VARIABLE) {
            throw new IllegalArgumentException("node " + node.name + " is a " + node.kind + ", not an input");
        }
        node.value = checkPrecision(node, value);
    }

    /** Gives a parameter its value and gradient buffers (used as they are, not copied). */
    public void setParameter(Node node, Matrix value, Matrix grad) {
        if (node.kind != Node.Kind.PARAMETER) {
            throw new IllegalArgumentException("node " + node.name + " is a " + node.kind + ", not a parameter");
        }
        if (!value.shape().equals(grad.shape())) {
            throw new ShapeException("parameter " + node.name + ": value " + value.shape() + " and gradient "
                    + grad.shape() + " differ");
        }
        node.value = checkPrecision(node, value);
        node.grad = checkPrecision(node, grad);
    }

    /** Computes every op node from its parents, in tape order. */
    public void forward() {
        if (!tape.isEmpty()) {
            forwardTo(tape.get(tape.size() - 1));
        }
    }

    /**
     * Computes the nodes of the tape up to and including {@code last}, in tape order; nodes recorded after it
     * (a loss whose targets are not given, for example) are left alone.
     */
    public void forwardTo(Node last) {
        for (int index = 0; index <= last.index; index++) {
            Node node = tape.get(index);
            if (node.op == null) {
                if (node.value == null) {
                    throw new IllegalStateException("node " + node.name + " has no value: set it before forward");
                }
                continue;
            }
            Matrix[] inputs = inputScratch.get(node.index);
            Shape[] shapes = new Shape[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = node.parents[i].value;
                shapes[i] = inputs[i].shape();
            }
            Shape shape;
            try {
                shape = node.op.outputShape(shapes);
            } catch (ShapeException e) {
                throw new ShapeException("node " + node.name + " (" + node.op.name() + "): " + e.getMessage());
            }
            node.value = ensure(node.value, shape);
            node.op.forward(inputs, node.value);
        }
    }

    /**
     * Seeds d output/d output = 1 and walks the tape in reverse from {@code output}, adding each op's
     * vector-Jacobian product into its parents' gradients. Interior and variable gradients are reset first;
     * parameter gradients are added into. Nodes that {@code output} does not depend on are skipped.
     */
    public void backward(Node output) {
        if (output.value == null) {
            throw new IllegalStateException("run forward before backward");
        }
        if (output.value.rows() != 1 || output.value.cols() != 1) {
            throw new ShapeException("backward needs a 1x1 output, " + output.name + " is " + output.value.shape());
        }
        if (!output.requiresGrad) {
            throw new IllegalArgumentException("output " + output.name + " depends on no parameter or variable");
        }
        boolean[] needed = ancestors(output);
        for (int i = 0; i <= output.index; i++) {
            Node node = tape.get(i);
            if (needed[i] && node.requiresGrad && node.kind != Node.Kind.PARAMETER) {
                node.grad = ensure(node.grad, node.value.shape());
                node.grad.fill(0);
            }
        }
        output.grad.set(0, output.grad.get(0) + 1);
        for (int i = output.index; i >= 0; i--) {
            Node node = tape.get(i);
            if (!needed[i] || node.op == null || !node.requiresGrad) {
                continue;
            }
            Matrix[] inputs = inputScratch.get(i);
            Matrix[] grads = gradScratch.get(i);
            for (int p = 0; p < grads.length; p++) {
                Node parent = node.parents[p];
                inputs[p] = parent.value;
                grads[p] = parent.requiresGrad ? parent.grad : null;
            }
            node.op.backward(inputs, node.value, node.grad, grads);
        }
    }

    /** Forward, then backward from {@code output}; returns the output's value. */
    public double forwardBackward(Node output) {
        forward();
        backward(output);
        return output.value.get(0);
    }

    private boolean[] ancestors(Node output) {
        boolean[] needed = new boolean[output.index + 1];
        needed[output.index] = true;
        for (int i = output.index; i >= 0; i--) {
            if (needed[i]) {
                for (Node parent : tape.get(i).parents) {
                    needed[parent.index] = true;
                }
            }
        }
        return needed;
    }

    private Node add(Node node) {
        tape.add(node);
        inputScratch.add(new Matrix[node.parents.length]);
        gradScratch.add(new Matrix[node.parents.length]);
        return node;
    }

    private Matrix ensure(Matrix buffer, Shape shape) {
        if (buffer != null && buffer.hasShape(shape)) {
            return buffer;
        }
        allocations++;
        return Matrix.zeros(precision, shape);
    }

    private Matrix checkPrecision(Node node, Matrix value) {
        if (value.precision() != precision) {
            throw new IllegalArgumentException("node " + node.name + ": " + value.precision()
                    + " value in a " + precision + " graph");
        }
        return value;
    }

    @Override
    public String toString() {
        return "Graph" + Arrays.toString(tape.toArray());
    }
}
