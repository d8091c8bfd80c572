package dev.backprop.spark;

/** Told about each epoch as it ends, for progress lines and metrics. */
@FunctionalInterface
public interface EpochListener {

    /**
     * @param epoch   1-based epoch number
     * @param train   the epoch's gradient pass (loss and accuracy with the weights before its step)
     * @param seconds wall-clock seconds of the epoch, aggregation and update included
     */
    void epochEnded(int epoch, PassResult train, double seconds);
}
