package dev.berth.core.image;

import java.util.List;
import java.util.Objects;

/**
 * An image to save and the names to save it under (none when the user named it by ID).
 *
 * @param image the image
 * @param names its names in the archive
 */
public record SaveRequest(Image image, List<ImageReference> names) {

    public SaveRequest {
        Objects.requireNonNull(image, "image");
        names = List.copyOf(names);
    }
}
