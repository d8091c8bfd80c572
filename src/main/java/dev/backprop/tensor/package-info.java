/**
 * Dense column-major matrices in float32 or float64, the BLAS calls (GEMM through netlib, or through this package's
 * vector-API float GEMM when there is no native BLAS) and the elementwise kernels that the differentiable ops are
 * built from. Kernels here know nothing of derivatives. The JDK's incubating vector API is used by
 * {@code VectorSgemm} and {@code VectorFloatActivations} only, each reached after checking that the module is
 * present.
 *
 * <p>Every matrix is a contiguous range of a primitive array: {@code rows * cols} values from an offset, column
 * by column. A range of columns of a matrix, or a part of a flat parameter vector, is therefore a view that shares
 * the array and copies nothing.
 */
package dev.backprop.tensor;
