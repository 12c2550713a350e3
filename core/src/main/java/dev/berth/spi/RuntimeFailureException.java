package dev.berth.spi;

/** The runtime could not do what it was asked; the message says why, in words a user can act on. */
public class RuntimeFailureException extends Exception {

    private static final long serialVersionUID = 1L;

    public RuntimeFailureException(String message) {
        super(message);
    }

    public RuntimeFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
