package dev.backprop.autodiff.ops;

import dev.backprop.autodiff.Op;
import dev.backprop.tensor.Blas;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Shape;
import dev.backprop.tensor.ShapeException;

/** {@code C = A B}. Backward: {@code dA += G B^T}, {@code dB += A^T G}, both as GEMM with beta = 1. */
public final class MatMul implements Op {

    @Override
    public String name() {
        return "matmul";
    }

    @Override
    public Shape outputShape(Shape... inputs) {
        Shapes.requireArity(name(), inputs, 2);
        if (inputs[0].cols() != inputs[1].rows()) {
            throw new ShapeException("matmul: inner dimensions differ, " + inputs[0] + " times " + inputs[1]);
        }
        return Shape.of(inputs[0].rows(), inputs[1].cols());
    }

    @Override
    public void forward(Matrix[] in, Matrix out) {
        Blas.gemm(false, false, 1, in[0], in[1], 0, out);
    }

    @Override
    public void backward(Matrix[] in, Matrix out, Matrix gradOut, Matrix[] gradIn) {
        addProductGradients(in[0], in[1], gradOut, gradIn[0], gradIn[1]);
    }

    /**
     * For {@code C = A B} with {@code G = dL/dC}: {@code dA += G B^T} and {@code dB += A^T G}, each skipped when its
     * buffer is null (an input that needs no gradient). Shared with {@link Dense}.
     */
    static void addProductGradients(Matrix a, Matrix b, Matrix g, Matrix gradA, Matrix gradB) {
        if (gradA != null) {
            Blas.gemm(false, true, 1, g, b, 1, gradA);
        }
        if (gradB != null) {
            Blas.gemm(true, false, 1, a, g, 1, gradB);
        }
    }
}
