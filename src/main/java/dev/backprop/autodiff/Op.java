package dev.backprop.autodiff;

import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Shape;

/**
 * A differentiable operation: one class per op, forward and backward side by side. Ops hold no per-call state, so
 * one instance may serve several nodes.
 */
public interface Op {

    /** A short name for messages and printing, for example {@code matmul}. */
    String name();

    /** The output shape for these input shapes; throws {@link dev.backprop.tensor.ShapeException} naming them. */
    Shape outputShape(Shape... inputs);

    /** Computes {@code out} from {@code inputs}. */
    void forward(Matrix[] inputs, Matrix out);

    /**
     * Adds the vector-Jacobian product {@code gradOut * d out / d inputs[i]} into {@code gradInputs[i]} for each
     * input; {@code gradInputs[i]} is null when that input needs no gradient, and the op then skips its work.
     */
    void backward(Matrix[] inputs, Matrix out, Matrix gradOut, Matrix[] gradInputs);
}
