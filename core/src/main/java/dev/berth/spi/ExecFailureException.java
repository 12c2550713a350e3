package dev.berth.spi;

/**
 * The command of a process could not be run: not found (exit code 127, Docker's) or not executable (126).
 * The message says which command and why, as Docker words it.
 */
public class ExecFailureException extends RuntimeFailureException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public ExecFailureException(int exitCode, String message) {
        super(message);
        if (exitCode != 126 && exitCode != 127) {
            throw new IllegalArgumentException("an exec failure exits with 126 or 127, not " + exitCode);
        }
        this.exitCode = exitCode;
    }

    /** 127 when the command was not found, 126 when it could not be executed. */
    public int exitCode() {
        return exitCode;
    }
}
