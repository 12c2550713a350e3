package dev.berth.core;

import java.util.Objects;

/**
 * Carries a {@link BerthException} through code that cannot declare it, such as a Dagger provider that
 * resolves the configuration lazily. Front ends unwrap it and treat the cause like any other.
 */
public final class UncheckedBerthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UncheckedBerthException(BerthException cause) {
        super(Objects.requireNonNull(cause, "cause").getMessage(), cause);
    }

    @Override
    public synchronized BerthException getCause() {
        return (BerthException) super.getCause();
    }

    /** A step that may fail with a domain error. */
    @FunctionalInterface
    public interface Step<T> {
        T run() throws BerthException;
    }

    /** Runs {@code step}, carrying its domain error unchecked. */
    public static <T> T call(Step<T> step) {
        try {
            return step.run();
        } catch (BerthException e) {
            throw new UncheckedBerthException(e);
        }
    }
}
