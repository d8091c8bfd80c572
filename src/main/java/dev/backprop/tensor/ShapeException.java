package dev.backprop.tensor;

/** Thrown when the shapes of matrices do not fit an operation; the message names every shape involved. */
public final class ShapeException extends IllegalArgumentException {
    public ShapeException(String message) {
        super(message);
    }
}
