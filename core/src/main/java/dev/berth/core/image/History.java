package dev.berth.core.image;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of an image's history, as its config records it.
 *
 * @param created    when the step ran
 * @param createdBy  the command of the step
 * @param author     who made it
 * @param comment    a note
 * @param emptyLayer whether the step made no layer (e.g. {@code CMD})
 */
public record History(Optional<Instant> created, String createdBy, String author, String comment, boolean emptyLayer) {

    public History {
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(comment, "comment");
    }
}
