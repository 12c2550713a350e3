package dev.berth.spi;

import java.util.Objects;

/**
 * Whether a driver or runtime can work on this host, and why not when it cannot.
 *
 * @param supported true when the probe passed
 * @param reason    when not supported, a sentence a user can act on; empty when supported
 */
public record Support(boolean supported, String reason) {

    public Support {
        Objects.requireNonNull(reason, "reason");
        if (!supported && reason.isBlank()) {
            throw new IllegalArgumentException("an unsupported result needs a reason");
        }
    }

    public static Support yes() {
        return new Support(true, "");
    }

    public static Support no(String reason) {
        return new Support(false, reason);
    }
}
