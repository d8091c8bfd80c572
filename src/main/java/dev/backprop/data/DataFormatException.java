package dev.backprop.data;

/** Malformed input data; the message names the source file and the 1-based line number. */
public final class DataFormatException extends RuntimeException {

    private final String source;
    private final long line;
    private final String problem;

    public DataFormatException(String source, long line, String problem) {
        super(source + " line " + line + ": " + problem);
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    /** What is wrong, without the source and line. */
    public String problem() {
        return problem;
    }

    public String source() {
        return source;
    }

    public long line() {
        return line;
    }
}
