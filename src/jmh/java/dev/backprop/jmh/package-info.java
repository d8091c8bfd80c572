/**
 * JMH microbenchmarks of the engine's kernels, the tool for tuning them: the three GEMM calls of a dense layer
 * ({@link dev.backprop.jmh.GemmBenchmark}), the elementwise activations ({@link dev.backprop.jmh.ActivationBenchmark})
 * and softmax with cross-entropy ({@link dev.backprop.jmh.SoftmaxCrossEntropyBenchmark}), each in float32 and
 * float64 on the shapes of an MLP layer over a block of examples (one example per column).
 *
 * <p>The benchmarks call the project's own classes ({@link dev.backprop.tensor.Blas},
 * {@link dev.backprop.autodiff.ops}, {@link dev.backprop.loss.SoftmaxCrossEntropy}); only
 * {@link dev.backprop.jmh.ElementwiseBaselineBenchmark} is a hand-written loop, as a reference point for the
 * elementwise kernels. Their inputs are filled from a fixed seed ({@link dev.backprop.jmh.Fill}).
 *
 * <p>Built only by the Maven profile {@code jmh} into {@code target/benchmarks.jar}; BENCHMARKS.md gives the
 * command. Not part of the application jar or the tests.
 */
package dev.backprop.jmh;
