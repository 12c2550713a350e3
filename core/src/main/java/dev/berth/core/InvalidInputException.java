package dev.berth.core;

/** Input that berth refuses: a malformed archive or config file, a bad reference, a bad argument. */
public class InvalidInputException extends BerthException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
