/**
 * The differentiable ops of the engine, one class each, forward and backward side by side: matrix product, bias
 * add, add, subtract, elementwise multiply, scale, sum, mean and the activations. Losses live in
 * {@link dev.backprop.loss}.
 */
package dev.backprop.autodiff.ops;
