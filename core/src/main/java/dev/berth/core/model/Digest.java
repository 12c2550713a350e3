package dev.berth.core.model;

import dev.berth.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A content digest, {@code sha256:<64 hex>}: diff IDs, chain IDs, image IDs and blob names.
 *
 * @param hex the 64 lower-case hex digits
 */
public record Digest(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final String PREFIX = "sha256:";

    public Digest {
        Objects.requireNonNull(hex, "hex");
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a sha256 digest: " + hex);
        }
    }

    // Written out rather than generated: a record's equals and hashCode link through invokedynamic at their first
    // call, some 15 ms of method-handle spinning in a fresh JVM, and digests are compared in every command that
    // reads a store.
    @Override
    public boolean equals(Object other) {
        return other instanceof Digest digest && hex.equals(digest.hex);
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }

    /** Parses {@code sha256:<hex>}, as found in manifests, configs and user input. */
    public static Digest parse(String text) throws InvalidInputException {
        if (!text.startsWith(PREFIX) || !HEX.matcher(text.substring(PREFIX.length())).matches()) {
            throw new InvalidInputException("invalid digest \"" + text + "\": expected sha256: and 64 hex digits");
        }
        return new Digest(text.substring(PREFIX.length()));
    }

    /** The digest of finished SHA-256 state. */
    public static Digest of(MessageDigest sha256) {
        return new Digest(HexFormat.of().formatHex(sha256.digest()));
    }

    public static Digest of(byte[] content) {
        MessageDigest sha256 = sha256();
        sha256.update(content);
        return of(sha256);
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * The chain ID of a layer on top of a chain, by the OCI formula: the first layer's chain ID is its diff
     * ID; after that, {@code sha256(parentChainID + " " + diffID)}.
     */
    public static Digest chain(java.util.Optional<Digest> parentChain, Digest diffId) {
        return parentChain.map(parent -> of((parent + " " + diffId).getBytes(StandardCharsets.US_ASCII)))
                .orElse(diffId);
    }

    /** The 12-character short form Docker shows. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return PREFIX + hex;
    }
}
