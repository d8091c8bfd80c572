package dev.backprop.autodiff.ops;

import dev.backprop.autodiff.Op;
import dev.backprop.tensor.DoubleMatrix;
import dev.backprop.tensor.FloatMatrix;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Shape;

/**
 * An op applying a scalar function to every element: {@code y = f(x)}. Backward: {@code dx += g * f'(x)}, where a
 * subclass may compute the derivative from the input {@code x}, the output {@code y}, or both.
 *
 * <p>The generic loops call {@link #value} and {@link #derivative} per element; that call site sees every activation
 * class, so the JIT cannot inline it. A subclass therefore may give array kernels of its own, per precision
 * ({@link #forwardFloat}, {@link #backwardFloat}, {@link #forwardDouble}, {@link #backwardDouble}: the same function
 * and derivative, with their loops in the subclass or in {@link dev.backprop.tensor.FloatActivations}); this class
 * picks them when the matrices are all of that precision and shape, and the generic loops otherwise.
 */
public abstract class Elementwise implements Op {

    /** {@code f(x)}. */
    public abstract double value(double x);

    /** {@code f'(x)}, given {@code x} and {@code y = f(x)}. */
    public abstract double derivative(double x, double y);

    /** {@code y = f(x)} over {@code n} values from the offsets; false when the op has no float kernel. */
    protected boolean forwardFloat(float[] x, int xo, float[] y, int yo, int n) {
        return false;
    }

    /** {@code y = f(x)} over {@code n} values from the offsets; false when the op has no double kernel. */
    protected boolean forwardDouble(double[] x, int xo, double[] y, int yo, int n) {
        return false;
    }

    /** {@code t += g f'(x, y)} over {@code n} values from the offsets; false when the op has no float kernel. */
    protected boolean backwardFloat(float[] t, int to, float[] g, int go, float[] x, int xo, float[] y, int yo,
                                    int n) {
        return false;
    }

    /** {@code t += g f'(x, y)} over {@code n} values from the offsets; false when the op has no double kernel. */
    protected boolean backwardDouble(double[] t, int to, double[] g, int go, double[] x, int xo, double[] y, int yo,
                                     int n) {
        return false;
    }

    @Override
    public final Shape outputShape(Shape... inputs) {
        Shapes.requireArity(name(), inputs, 1);
        return inputs[0];
    }

    @Override
    public final void forward(Matrix[] in, Matrix out) {
        Matrix x = in[0];
        boolean done = false;
        if (sameShapes(x, out)) {
            if (x instanceof FloatMatrix fx && out instanceof FloatMatrix fy) {
                done = forwardFloat(fx.data(), fx.offset(), fy.data(), fy.offset(), fx.size());
            } else if (x instanceof DoubleMatrix dx && out instanceof DoubleMatrix dy) {
                done = forwardDouble(dx.data(), dx.offset(), dy.data(), dy.offset(), dx.size());
            }
        }
        if (!done) {
            x.map(this::value, out);
        }
    }

    @Override
    public final void backward(Matrix[] in, Matrix out, Matrix gradOut, Matrix[] gradIn) {
        Matrix t = gradIn[0];
        if (t == null) {
            return;
        }
        Matrix x = in[0];
        boolean done = false;
        if (sameShapes(t, gradOut, x, out)) {
            if (t instanceof FloatMatrix ft && gradOut instanceof FloatMatrix fg && x instanceof FloatMatrix fx
                    && out instanceof FloatMatrix fy) {
                done = backwardFloat(ft.data(), ft.offset(), fg.data(), fg.offset(), fx.data(), fx.offset(), fy.data(),
                        fy.offset(), ft.size());
            } else if (t instanceof DoubleMatrix dt && gradOut instanceof DoubleMatrix dg
                    && x instanceof DoubleMatrix dx && out instanceof DoubleMatrix dy) {
                done = backwardDouble(dt.data(), dt.offset(), dg.data(), dg.offset(), dx.data(), dx.offset(),
                        dy.data(), dy.offset(), dt.size());
            }
        }
        if (!done) {
            t.addZip3(gradOut, x, out, (g, xi, yi) -> g * derivative(xi, yi));
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
