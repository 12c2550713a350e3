package dev.berth.spi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a layer's own files live on the host, and what that directory holds.
 *
 * <p>berth's core applies changeset tars to this directory and reads diffs from it, so that a driver does
 * not have to deal with tar archives at all.
 *
 * @param directory the directory
 * @param layout    what the directory holds and how deletions are represented in it
 */
public record LayerFiles(Path directory, Layout layout) {

    public LayerFiles {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(layout, "layout");
    }

    /** How a layer's directory relates to its parent. */
    public enum Layout {
        /**
         * Only this layer's changes, in overlayfs's upper-directory format: a deleted file is a character
         * device 0/0, a directory whose lower contents are hidden has {@code trusted.overlay.opaque=y}. The
         * layer's diff is read straight from this directory.
         */
        OVERLAY_CHANGES,
        /**
         * The complete tree of the layer, parents included (a copy of the parent's tree when created). A
         * deletion in a changeset removes the file; the diff is computed by comparing the tree with the
         * parent's.
         */
        FULL_TREE
    }
}
