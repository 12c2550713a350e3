package dev.berth.core.image;

import dev.berth.core.model.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of {@code history}, newest first.
 *
 * @param image     the image this step made, when known ({@code <missing>} otherwise)
 * @param created   when the step ran
 * @param createdBy the step's command
 * @param size      bytes its layer added; 0 for steps without a layer
 * @param comment   its comment
 * @param tags      the names of {@code image}
 */
public record HistoryRow(Optional<Digest> image, Optional<Instant> created, String createdBy, long size, String comment,
                         List<ImageReference> tags) {

    public HistoryRow {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(comment, "comment");
        tags = List.copyOf(tags);
    }
}
