/**
 * Losses and regularizers as differentiable ops. Every loss takes (prediction or logits, target) of equal shape,
 * one example per column, and returns the 1x1 SUM over the examples of the block: the per-partition sums are then
 * exactly what the distributed trainer adds up, and the driver divides once by the total count. All losses are
 * computed in numerically stable forms: softmax with cross-entropy through log-sum-exp, and binary cross-entropy
 * from logits, so that logits of +-1e4 give finite losses and gradients.
 *
 * <p>Every loss also accepts an optional third input, a 1 x n row of non-negative example weights {@code w}: the
 * result is then {@code sum_j w_j l_j}, where {@code l_j} is the loss of column {@code j}, and the gradients are
 * exact with respect to all three inputs ({@code d/dw_j = l_j}). The driver then divides by the total weight, so the
 * mean is a weighted mean. Unit weights give results bit-identical to the two-input form.
 */
package dev.backprop.loss;
