package dev.berth.core;

/**
 * A failure that a user can understand and act on: the message is one sentence that names the problem and,
 * where there is one, what to do. Subclasses say which kind of failure it is, so that front ends can map it
 * (to an exit code, an HTTP status).
 */
public abstract class BerthException extends Exception {

    private static final long serialVersionUID = 1L;

    protected BerthException(String message) {
        super(message);
    }

    protected BerthException(String message, Throwable cause) {
        super(message, cause);
    }
}
