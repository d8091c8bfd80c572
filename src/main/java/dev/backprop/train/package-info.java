/**
 * Training without Spark: {@link dev.backprop.train.GradientSum}, the (loss, gradient, count) sum over blocks that
 * a partition computes and that partitions merge, and {@link dev.backprop.train.LocalTrainer}, full-batch and
 * mini-batch gradient descent with the L2 regularizer in one JVM, the reference that the distributed trainer must
 * match.
 */
package dev.backprop.train;
