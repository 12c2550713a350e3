package dev.berth.core.layer;

import dev.berth.core.model.Digest;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A read-only layer of one or more images, stored once per chain ID.
 *
 * @param chainId the layer's identity in a stack (OCI chain ID)
 * @param diffId  the sha256 of its uncompressed changeset
 * @param parent  the chain ID of the layer below, if any
 * @param cacheId the driver's opaque ID for it
 * @param size    the bytes of file content its changeset added, recorded when it was applied
 * @param owners  who holds it: {@code image:<id>}, {@code container:<id>}, {@code layer:<child chain ID>}, or
 *                whatever owner id a caller registered it for; the layer goes when the last one releases it
 */
public record ImageLayer(Digest chainId, Digest diffId, Optional<Digest> parent, String cacheId, long size,
                         Set<String> owners) implements StoredLayer {

    public ImageLayer {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(diffId, "diffId");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(cacheId, "cacheId");
        owners = Set.copyOf(owners);
    }

    ImageLayer withOwners(Set<String> newOwners) {
        return new ImageLayer(chainId, diffId, parent, cacheId, size, newOwners);
    }
}
