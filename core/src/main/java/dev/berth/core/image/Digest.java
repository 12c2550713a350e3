package dev.berth.core.image;

import dev.berth.core.InvalidInputException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A content digest such as {@code sha256:0fd50f117b80...}: the algorithm and the lower-case hex encoding.
 *
 * @param algorithm the algorithm, {@code sha256} or {@code sha512}
 * @param hex       the hex encoding, of the algorithm's length
 */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {

    private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*");
    private static final Pattern HEX = Pattern.compile("[a-f0-9]+");

    public Digest {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hex, "hex");
        int length = hexLength(algorithm);
        if (hex.length() != length || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("invalid " + algorithm + " digest \"" + hex + "\"");
        }
    }

    /** Parses {@code algorithm:hex}. */
    public static Digest parse(String text) throws InvalidInputException {
        int colon = text.indexOf(':');
        if (colon <= 0 || !ALGORITHM.matcher(text.substring(0, colon)).matches()) {
            throw new InvalidInputException("invalid digest \"" + text + "\": expected algorithm:hex, e.g. sha256:...");
        }
        String algorithm = text.substring(0, colon);
        if (!algorithm.equals("sha256") && !algorithm.equals("sha512")) {
            throw new InvalidInputException("unsupported digest algorithm \"" + algorithm + "\" in \"" + text + "\"");
        }
        String hex = text.substring(colon + 1);
        if (hex.length() != hexLength(algorithm) || !HEX.matcher(hex).matches()) {
            throw new InvalidInputException("invalid checksum digest format: \"" + text + "\"");
        }
        return new Digest(algorithm, hex);
    }

    /** The sha256 digest of {@code bytes}. */
    public static Digest sha256(byte[] bytes) {
        return fromSha256(newSha256().digest(bytes));
    }

    /** A digest from the raw output of a sha256 {@link MessageDigest}. */
    public static Digest fromSha256(byte[] raw) {
        return new Digest("sha256", HexFormat.of().formatHex(raw));
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    private static int hexLength(String algorithm) {
        switch (algorithm) {
            case "sha256":
                return 64;
            case "sha512":
                return 128;
            default:
                throw new IllegalArgumentException("unsupported digest algorithm \"" + algorithm + "\"");
        }
    }

    /** The first 12 hex characters, as Docker shows IDs. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }

    @Override
    public int compareTo(Digest other) {
        return toString().compareTo(other.toString());
    }
}
