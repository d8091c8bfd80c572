/**
 * Losses and regularizers as differentiable ops. Every loss takes (prediction or logits, target) of equal shape,
 * one example per column, and returns the 1x1 SUM over the examples of the block: the per-partition sums are then
 * exactly what the distributed trainer adds up, and the driver divides once by the total count. All losses are
 * computed in numerically stable forms: softmax with cross-entropy through log-sum-exp, and binary cross-entropy
 * from logits, so that logits of +-1e4 give finite losses and gradients.
 */
package dev.backprop.loss;
