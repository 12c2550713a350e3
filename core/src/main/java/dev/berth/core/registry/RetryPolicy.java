package dev.berth.core.registry;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How often and how long to wait before trying a request again after a dropped connection, a 429 or a 5xx:
 * the delay doubles from {@code firstDelay} up to {@code maxDelay}; a server's {@code Retry-After} is honoured
 * up to {@code maxRetryAfter}.
 *
 * @param attempts      tries in all, the first included
 * @param firstDelay    the wait before the second try
 * @param maxDelay      the longest computed wait
 * @param maxRetryAfter the longest wait a server may ask for
 * @param idleTimeout   how long a download may receive nothing before it counts as dropped
 */
public record RetryPolicy(int attempts, Duration firstDelay, Duration maxDelay, Duration maxRetryAfter,
                          Duration idleTimeout) {

    /** Docker retries a layer five times; waits here are shorter, with the same growth. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(8),
            Duration.ofSeconds(60), Duration.ofSeconds(60));

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
    }

    /** The wait after failed try number {@code attempt} (1-based), or what the server asked for. */
    public Duration delay(int attempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            return asked.isNegative() ? Duration.ZERO : asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked;
        }
        Duration delay = firstDelay.multipliedBy(1L << Math.min(attempt - 1, 20));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /** Whether another try follows try number {@code attempt}. */
    public boolean allowsAnother(int attempt) {
        return attempt < attempts;
    }
}
