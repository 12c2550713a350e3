package dev.berth.core.registry;

import dev.berth.core.model.Digest;
import java.util.Objects;

/**
 * A blob as a registry holds it after a push.
 *
 * @param digest its digest (of the compressed bytes, for a layer)
 * @param size   its size in bytes
 */
public record PushedBlob(Digest digest, long size) {

    public PushedBlob {
        Objects.requireNonNull(digest, "digest");
    }
}
