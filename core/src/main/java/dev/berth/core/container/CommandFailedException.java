package dev.berth.core.container;

import dev.berth.core.EngineFailureException;

/**
 * A container's command could not be run: not found (127) or not executable (126). {@code run} and
 * {@code exec} exit with that code, as Docker's do.
 */
public final class CommandFailedException extends EngineFailureException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CommandFailedException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
