/**
 * Update rules on flat vectors: given the weights and the mean gradient of the loss over all examples, move the
 * weights. Each rule is a small class whose state, if any, is explicit, so that it can be checkpointed.
 */
package dev.backprop.optim;
