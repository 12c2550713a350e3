package dev.berth.core.layer;

import dev.berth.core.model.Digest;
import java.util.Optional;

/** A layer as the store keeps it: an image layer or a container's writable layer. */
public sealed interface StoredLayer permits ImageLayer, WritableLayer {

    /** The opaque ID the storage driver knows the layer by. */
    String cacheId();

    /** The chain ID of the image layer below, if any. */
    Optional<Digest> parent();
}
