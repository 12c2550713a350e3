package dev.berth.core.registry;

import dev.berth.core.image.Manifest;
import dev.berth.core.model.Digest;
import java.util.Objects;

/**
 * A manifest or index as a registry served it: the exact bytes (whose digest is its name, and what
 * RepoDigests record), and what they say.
 *
 * @param bytes    the bytes as received
 * @param digest   the sha256 of those bytes
 * @param manifest the parsed document
 */
public record ManifestDocument(byte[] bytes, Digest digest, Manifest manifest) {

    public ManifestDocument {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(manifest, "manifest");
    }
}
