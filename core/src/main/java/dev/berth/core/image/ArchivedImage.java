package dev.berth.core.image;

import java.util.List;
import java.util.Objects;

/**
 * An image found in an archive, checked but not yet loaded.
 *
 * @param config the image's config, whose bytes were checked against the archive's digest for them
 * @param layers where its layers' blobs are in the archive, base first, one per diff ID
 * @param names  the names the archive gives it
 */
record ArchivedImage(ImageConfig config, List<ArchivedLayer> layers, List<ImageReference> names) {

    ArchivedImage {
        Objects.requireNonNull(config, "config");
        layers = List.copyOf(layers);
        names = List.copyOf(names);
    }
}
