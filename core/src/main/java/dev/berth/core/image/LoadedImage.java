package dev.berth.core.image;

import dev.berth.core.model.Digest;
import java.util.List;
import java.util.Objects;

/**
 * What loading did for one image.
 *
 * @param id          the image's ID
 * @param names       the names it now has from the archive
 * @param renamed     names that pointed at another image before, with that image's ID: Docker says it renamed
 *                    the old one "to empty string"
 */
public record LoadedImage(Digest id, List<ImageReference> names, List<Renamed> renamed) {

    public LoadedImage {
        Objects.requireNonNull(id, "id");
        names = List.copyOf(names);
        renamed = List.copyOf(renamed);
    }

    /**
     * A name taken from another image.
     *
     * @param name     the name
     * @param previous the image it pointed at
     */
    public record Renamed(ImageReference name, Digest previous) {
    }
}
