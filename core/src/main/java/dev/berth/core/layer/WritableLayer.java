package dev.berth.core.layer;

import dev.berth.core.model.Digest;
import java.util.Objects;
import java.util.Optional;

/**
 * A container's private, writable layer on top of its image's top layer.
 *
 * @param containerId the container it belongs to
 * @param cacheId     the driver's opaque ID for it
 * @param parent      the chain ID of the image's top layer, if the image has layers
 */
public record WritableLayer(String containerId, String cacheId, Optional<Digest> parent) implements StoredLayer {

    public WritableLayer {
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(cacheId, "cacheId");
        Objects.requireNonNull(parent, "parent");
    }
}
