package dev.berth.core.image;

import java.util.List;
import java.util.Objects;

/**
 * An image manifest: the config blob and the layer blobs, base first.
 *
 * @param mediaType Docker schema 2 or OCI
 * @param config    the image config
 * @param layers    the layers, base first
 */
public record ImageManifest(String mediaType, Descriptor config, List<Descriptor> layers) implements Manifest {

    public ImageManifest {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(config, "config");
        layers = List.copyOf(layers);
    }
}
