package dev.berth.core.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.InvalidInputException;
import dev.berth.core.model.Digest;
import java.util.Objects;
import java.util.Optional;

/**
 * A content descriptor (OCI image-spec {@code descriptor.md}): what a manifest or index says about a blob.
 *
 * @param mediaType the blob's media type
 * @param digest    its digest
 * @param size      its size in bytes
 * @param platform  the platform it is for, when an index says so
 */
public record Descriptor(String mediaType, Digest digest, long size, Optional<Platform> platform) {

    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        Objects.requireNonNull(platform, "platform");
    }

    /** Parses a descriptor; {@code what} names it in errors. */
    static Descriptor parse(JsonNode node, String what) throws InvalidInputException {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(what + " is not a descriptor (a JSON object)");
        }
        String digest = node.path("digest").asText("");
        if (!digest.startsWith("sha256:")) {
            throw new InvalidInputException(what + " has the digest \"" + digest
                    + "\"; berth reads sha256 digests only");
        }
        JsonNode size = node.get("size");
        if (size == null || !size.canConvertToLong() || size.asLong() < 0) {
            throw new InvalidInputException(what + " has no valid size");
        }
        return new Descriptor(node.path("mediaType").asText(""), Digest.parse(digest), size.asLong(),
                Platform.of(node));
    }
}
