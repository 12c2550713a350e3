package dev.berth.spi;

/** A storage driver could not start or could not do what it was asked; the message says why. */
public class StorageDriverException extends Exception {

    private static final long serialVersionUID = 1L;

    public StorageDriverException(String message) {
        super(message);
    }

    public StorageDriverException(String message, Throwable cause) {
        super(message, cause);
    }
}
