package dev.berth.core.container;

import dev.berth.core.InvalidInputException;
import java.time.Duration;
import java.util.Objects;

/**
 * Docker's restart policies: {@code no}, {@code on-failure[:N]}, {@code always}, {@code unless-stopped}.
 *
 * @param name              the policy's name
 * @param maximumRetryCount for on-failure, how many restarts at most (0 = no limit)
 */
public record RestartPolicy(Name name, int maximumRetryCount) {

    /** Back-off before the first restart; it doubles per restart up to {@link #MAX_DELAY}. */
    public static final Duration FIRST_DELAY = Duration.ofMillis(100);
    public static final Duration MAX_DELAY = Duration.ofMinutes(1);
    /** A container that ran at least this long before exiting restarts after {@link #FIRST_DELAY} again. */
    public static final Duration RESET_AFTER = Duration.ofSeconds(10);

    public static final RestartPolicy NO = new RestartPolicy(Name.NO, 0);

    /** The policies, with Docker's spelling. */
    public enum Name {
        NO("no"), ON_FAILURE("on-failure"), ALWAYS("always"), UNLESS_STOPPED("unless-stopped");

        private final String text;

        Name(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public RestartPolicy {
        Objects.requireNonNull(name, "name");
        if (maximumRetryCount < 0) {
            throw new IllegalArgumentException("maximum retry count must not be negative");
        }
    }

    /** Parses {@code --restart}, with Docker's error messages. */
    public static RestartPolicy parse(String text) throws InvalidInputException {
        int colon = text.indexOf(':');
        String policy = colon < 0 ? text : text.substring(0, colon);
        if (colon == 0) {
            throw new InvalidInputException("invalid restart policy format: no policy provided before colon");
        }
        int count = 0;
        if (colon > 0 && colon < text.length() - 1) {
            try {
                count = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("invalid restart policy format: maximum retry count must be an integer");
            }
        }
        for (Name name : Name.values()) {
            if (name.text.equals(policy)) {
                if (count != 0 && name != Name.ON_FAILURE) {
                    throw new InvalidInputException("invalid restart policy: maximum retry count can only be used with 'on-failure'");
                }
                if (count < 0) {
                    throw new InvalidInputException("invalid restart policy: maximum retry count cannot be negative");
                }
                return new RestartPolicy(name, count);
            }
        }
        throw new InvalidInputException("invalid restart policy: unknown policy '" + policy
                + "'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'");
    }

    /**
     * Whether a container that exited with {@code exitCode} restarts, having been restarted
     * {@code restartCount} times; a container stopped by the user never restarts.
     */
    public boolean shouldRestart(int exitCode, int restartCount, boolean stoppedByUser) {
        if (stoppedByUser) {
            return false;
        }
        switch (name) {
            case ALWAYS:
            case UNLESS_STOPPED:
                return true;
            case ON_FAILURE:
                return exitCode != 0 && (maximumRetryCount == 0 || restartCount < maximumRetryCount);
            default:
                return false;
        }
    }

    /** The delay before restart number {@code restartCount + 1}: 100 ms doubling, capped at a minute. */
    public static Duration delay(int consecutiveRestarts) {
        Duration delay = FIRST_DELAY;
        for (int i = 0; i < consecutiveRestarts && delay.compareTo(MAX_DELAY) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    @Override
    public String toString() {
        return name.text + (name == Name.ON_FAILURE && maximumRetryCount > 0 ? ":" + maximumRetryCount : "");
    }
}
