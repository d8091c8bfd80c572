/**
 * Multilayer perceptrons: the description of a network ({@link dev.backprop.nn.MlpSpec}: layer sizes, hidden
 * activation, output and loss), the layout of all its parameters in one flat vector
 * ({@link dev.backprop.nn.ParameterLayout}, {@link dev.backprop.nn.FlatParameters}), seeded initializers, and
 * {@link dev.backprop.nn.MlpGraph}, the tape built once for an architecture that adds a block's loss and gradient
 * into a flat gradient vector: the unit that the distributed trainer aggregates.
 *
 * <p>This package may use {@link dev.backprop.loss}, because a network description pairs its output with a loss.
 */
package dev.backprop.nn;
