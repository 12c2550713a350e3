package dev.berth.core;

/** The request is valid but the current state forbids it: an image in use, a name taken, a wrong state. */
public class ConflictException extends BerthException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
