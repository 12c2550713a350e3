package dev.berth.core;

/** Something the user named does not exist: an image, a container, a file. */
public class NotFoundException extends BerthException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
