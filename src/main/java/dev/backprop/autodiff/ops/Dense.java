package dev.backprop.autodiff.ops;

import dev.backprop.autodiff.Op;
import dev.backprop.tensor.Blas;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Shape;
import dev.backprop.tensor.ShapeException;

/**
 * An affine layer in one op, {@code Z = W H + b 1^T} for weights {@code W} (m x k), inputs {@code H} (k x n, one
 * example per column) and bias {@code b} (m x 1): the product of {@link MatMul} and the broadcast of
 * {@link BiasAdd} without the intermediate product node, its buffer, its gradient and the copy between them.
 *
 * <p>Forward: each column of Z starts as b, then GEMM adds {@code W H} (beta = 1). Backward, from {@code G = dL/dZ}:
 * {@code dW += G H^T}, {@code dH += W^T G} (both GEMM with beta = 1) and {@code db += G 1} (row sums).
 */
public final class Dense implements Op {

    @Override
    public String name() {
        return "dense";
    }

    @Override
    public Shape outputShape(Shape... inputs) {
        Shapes.requireArity(name(), inputs, 3);
        Shape w = inputs[0];
        Shape h = inputs[1];
        Shape b = inputs[2];
        if (w.cols() != h.rows()) {
            throw new ShapeException("dense: inner dimensions differ, weights " + w + " times inputs " + h);
        }
        if (b.cols() != 1 || b.rows() != w.rows()) {
            throw new ShapeException("dense: bias " + b + " does not fit weights " + w + " (expected " + w.rows()
                    + "x1)");
        }
        return Shape.of(w.rows(), h.cols());
    }

    @Override
    public void forward(Matrix[] in, Matrix out) {
        Matrix bias = in[2];
        for (int c = 0; c < out.cols(); c++) {
            out.columns(c, c + 1).copyFrom(bias);
        }
        Blas.gemm(false, false, 1, in[0], in[1], 1, out);
    }

    @Override
    public void backward(Matrix[] in, Matrix out, Matrix gradOut, Matrix[] gradIn) {
        MatMul.addProductGradients(in[0], in[1], gradOut, gradIn[0], gradIn[1]);
        if (gradIn[2] != null) {
            gradOut.addRowSumsTo(gradIn[2]);
        }
    }
}
