package dev.backprop.model;

/**
 * A model file that cannot be used: missing, truncated, corrupted, malformed, of a newer format version, or
 * describing a network this code does not know. The message names the file and what is wrong, for example
 * {@code models/mnist/weights.bin: SHA-256 mismatch, expected 3f2a... got 9c41...}.
 */
public final class ModelFormatException extends RuntimeException {

    private final String file;
    private final String problem;

    public ModelFormatException(String file, String problem) {
        this(file, problem, null);
    }

    public ModelFormatException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file (as the caller named it, for example a path or URI) that was refused. */
    public String file() {
        return file;
    }

    /** What is wrong with it, without the file name. */
    public String problem() {
        return problem;
    }
}
