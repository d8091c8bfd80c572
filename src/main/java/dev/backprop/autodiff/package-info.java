/**
 * Reverse-mode automatic differentiation on a tape. A {@link dev.backprop.autodiff.Graph} records its nodes in
 * creation order, which is a topological order (every parent exists before its child). {@code forward} computes
 * the nodes in that order; {@code backward} seeds the output's gradient with 1 and walks the tape in reverse,
 * iteratively, each op adding its vector-Jacobian product into its parents' gradient buffers, so that a node used
 * by several children receives the sum of their contributions (the multivariable chain rule).
 *
 * <p>A graph for a fixed architecture is built once and run again on each new block of examples; its buffers are
 * reused and only reallocated when a shape changes. {@link dev.backprop.autodiff.GradientCheck} compares backprop
 * with central differences.
 */
package dev.backprop.autodiff;
