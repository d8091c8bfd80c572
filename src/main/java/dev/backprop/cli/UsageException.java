package dev.backprop.cli;

/**
 * Bad usage or bad configuration, detected before any work starts. The message says what was wrong and what would
 * be right (the key, its value, the allowed keys or values); jobs print it and exit with {@link ExitCodes#USAGE}.
 */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
