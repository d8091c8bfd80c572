package dev.backprop.cli;

/** The exit codes of every job (DESIGN.md section 6). */
public final class ExitCodes {

    /** The job did what it was asked. */
    public static final int SUCCESS = 0;
    /** The job failed while running. */
    public static final int FAILURE = 1;
    /** Bad usage or bad configuration: nothing was run. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
