package dev.berth.core.archive;

import dev.berth.core.model.Digest;
import java.util.List;
import java.util.Objects;

/**
 * What applying a changeset produced.
 *
 * @param diffId   the sha256 of the uncompressed tar, computed while it was applied
 * @param size     the bytes of file content the changeset added (what Docker reports as a layer's size)
 * @param warnings things that could not be restored but did not stop the layer (an extended attribute the
 *                 file system refused), one line each
 */
public record AppliedLayer(Digest diffId, long size, List<String> warnings) {

    public AppliedLayer {
        Objects.requireNonNull(diffId, "diffId");
        warnings = List.copyOf(warnings);
    }
}
