package dev.backprop.autodiff.ops;

import dev.backprop.autodiff.Op;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Shape;

/**
 * An op applying a scalar function to every element: {@code y = f(x)}. Backward: {@code dx += g * f'(x)}, where a
 * subclass may compute the derivative from the input {@code x}, the output {@code y}, or both.
 *
 * <p>The loops here call {@link #value} and {@link #derivative} per element; that call site sees every activation
 * class, so the JIT cannot inline it. The activations of hidden layers therefore override {@link #forward} and
 * {@link #backward} with loops of their own over float and double arrays (same function, same derivative), and fall
 * back to these loops for anything else.
 */
public abstract class Elementwise implements Op {

    /** {@code f(x)}. */
    public abstract double value(double x);

    /** {@code f'(x)}, given {@code x} and {@code y = f(x)}. */
    public abstract double derivative(double x, double y);

    @Override
    public final Shape outputShape(Shape... inputs) {
        Shapes.requireArity(name(), inputs, 1);
        return inputs[0];
    }

    @Override
    public void forward(Matrix[] in, Matrix out) {
        in[0].map(this::value, out);
    }

    @Override
    public void backward(Matrix[] in, Matrix out, Matrix gradOut, Matrix[] gradIn) {
        if (gradIn[0] != null) {
            gradIn[0].addZip3(gradOut, in[0], out, (g, x, y) -> g * derivative(x, y));
        }
    }

    /** Whether the matrices all have the first one's shape. */
    static boolean sameShapes(Matrix first, Matrix... others) {
        for (Matrix other : others) {
            if (other.rows() != first.rows() || other.cols() != first.cols()) {
                return false;
            }
        }
        return true;
    }
}
