package dev.backprop.optim;

import dev.backprop.tensor.Matrix;

/** One optimization step on flat vectors. */
public interface UpdateRule {

    /**
     * Moves {@code weights} in place, given {@code meanGradient}: the gradient of the data loss averaged over all
     * examples, without the regularizer (the rule adds it).
     */
    void update(Matrix weights, Matrix meanGradient);
}
