package dev.backprop.cli;

import dev.backprop.data.DataFormatException;
import dev.backprop.model.ModelFormatException;

/** Turns what made a job fail into the one line a user needs: the data error with its file and line if any. */
final class JobFailures {

    private JobFailures() {
    }

    /**
     * The most telling message in the cause chain of {@code failure}: a data error (file and line), a model file
     * error (file and problem) or a usage error if there is one, else the root cause's message.
     */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DataFormatException || t instanceof ModelFormatException
                    || t instanceof UsageException) {
                return t.getMessage();
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getName() : root.getMessage();
        return root == failure ? message : message + " (" + failure.getClass().getSimpleName() + ")";
    }

    /** Whether the failure is bad usage or configuration (exit 2) rather than a failure while running (exit 1). */
    static boolean isUsage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UsageException) {
                return true;
            }
        }
        return false;
    }
}
