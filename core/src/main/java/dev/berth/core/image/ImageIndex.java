package dev.berth.core.image;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An index (a Docker manifest list or an OCI image index): one manifest per platform.
 *
 * @param mediaType Docker's manifest list or OCI's index
 * @param manifests the entries, in the index's order
 */
public record ImageIndex(String mediaType, List<Descriptor> manifests) implements Manifest {

    public ImageIndex {
        Objects.requireNonNull(mediaType, "mediaType");
        manifests = List.copyOf(manifests);
    }

    /**
     * The manifest for {@code platform}: the first entry that declares a platform {@code platform} accepts, as
     * the image spec says to choose (entries without a platform, such as attestations, are never chosen).
     */
    public Optional<Descriptor> select(Platform platform) {
        return manifests.stream()
                .filter(entry -> entry.platform().isPresent() && platform.accepts(entry.platform().get()))
                .findFirst();
    }
}
