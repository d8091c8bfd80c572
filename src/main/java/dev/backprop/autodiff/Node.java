package dev.backprop.autodiff;

import dev.backprop.tensor.Matrix;

/** One value on the tape: an input, a parameter, a variable, or the result of an op applied to earlier nodes. */
public final class Node {

    /** How a node got its value and how its gradient is kept. */
    public enum Kind {
        /** Data given from outside for each run (examples, targets); needs no gradient. */
        INPUT,
        /** A value owned outside the graph whose gradient buffer is also given from outside and only added into. */
        PARAMETER,
        /** A value given from outside whose gradient the graph keeps and resets on every backward pass. */
        VARIABLE,
        /** The output of an op. */
        COMPUTED
    }

    final int index;
    final String name;
    final Kind kind;
    final Op op;
    final Node[] parents;
    final boolean requiresGrad;
    Matrix value;
    Matrix grad;

    Node(int index, String name, Kind kind, Op op, Node[] parents, boolean requiresGrad) {
        this.index = index;
        this.name = name;
        this.kind = kind;
        this.op = op;
        this.parents = parents;
        this.requiresGrad = requiresGrad;
    }

    /** Position on the tape: parents always have smaller indices. */
    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    /** The op that computes this node, or null for inputs, parameters and variables. */
    public Op op() {
        return op;
    }

    /** The nodes this one is computed from, in the op's argument order. */
    public Node[] parents() {
        return parents.clone();
    }

    /** Whether a gradient flows into this node (it is a parameter or variable, or depends on one). */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** The current value; null before the first forward pass (computed nodes) or before it is given. */
    public Matrix value() {
        return value;
    }

    /** dL/d(this node) after the last backward pass, or null if no gradient flows here. */
    public Matrix grad() {
        return grad;
    }

    @Override
    public String toString() {
        return name + (op == null ? " (" + kind.name().toLowerCase() + ")" : " = " + op.name());
    }
}
