package dev.berth.core.image;

import dev.berth.core.model.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An image in the store.
 *
 * @param id          the sha256 of its config
 * @param config      its config
 * @param tags        the names tagged to it ({@code repo:tag})
 * @param digests     the names that refer to it by manifest digest ({@code repo@sha256:...})
 * @param size        the bytes of its layers' content, all layers counted
 * @param parent      the image it was committed from, if any
 * @param lastTagTime when it was last tagged here, if ever
 */
public record Image(Digest id, ImageConfig config, List<ImageReference> tags, List<ImageReference> digests,
                    long size, Optional<Digest> parent, Optional<Instant> lastTagTime) {

    public Image {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(config, "config");
        tags = List.copyOf(tags);
        digests = List.copyOf(digests);
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(lastTagTime, "lastTagTime");
    }

    /** Dangling: no name refers to it. */
    public boolean isDangling() {
        return tags.isEmpty() && digests.isEmpty();
    }

    /** The owner name the image's hold on its layers goes by. */
    public static String layerOwner(Digest id) {
        return "image:" + id.hex();
    }
}
