package dev.berth.core;

/** berth itself could not do the work: the disk, the kernel, a driver or the runtime failed. */
public class EngineFailureException extends BerthException {

    private static final long serialVersionUID = 1L;

    public EngineFailureException(String message) {
        super(message);
    }

    public EngineFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
