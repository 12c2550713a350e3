package dev.berth.core.container;

import dev.berth.spi.RandomBytes;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A container's ID: 64 random hex characters, of which Docker shows 12. Like Docker, an ID whose first 12
 * characters are all digits is drawn again, because the short ID is the container's host name and a purely
 * numeric host name confuses resolvers.
 *
 * @param hex the 64 hex characters
 */
public record ContainerId(String hex) {

    private static final Pattern FULL = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern ALL_DIGITS = Pattern.compile("[0-9]{12}");

    public ContainerId {
        Objects.requireNonNull(hex, "hex");
        if (!FULL.matcher(hex).matches()) {
            throw new IllegalArgumentException("invalid container ID \"" + hex + "\"");
        }
    }

    public static ContainerId random() {
        while (true) {
            String hex = HexFormat.of().formatHex(RandomBytes.of(32));
            if (!ALL_DIGITS.matcher(hex.substring(0, 12)).matches()) {
                return new ContainerId(hex);
            }
        }
    }

    public static boolean isFull(String text) {
        return FULL.matcher(text).matches();
    }

    public String shortId() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return hex;
    }
}
