package dev.berth.spi;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One storage driver at work on its home directory: it lays out layers on disk and describes how to mount
 * them, and nothing more. berth's core keeps digests and chain IDs, applies changeset tars, produces diffs,
 * performs mounts and counts references; a driver sees only opaque layer IDs.
 *
 * <p>A driver keeps nothing mounted. Methods may be called by several berth processes at once for
 * different layers; berth never calls them concurrently for the same layer.
 */
public interface StorageDriver {

    /**
     * Creates layer {@code id} on top of {@code parent} (empty for a base layer). A read-only layer receives
     * exactly one changeset (an image layer); a writable layer is a container's private layer on top.
     *
     * @throws IOException if {@code id} exists, {@code parent} does not, or the disk refuses
     */
    void create(String id, Optional<String> parent, boolean writable) throws IOException;

    /** Removes layer {@code id} and its files; removing a missing layer is not an error. */
    void remove(String id) throws IOException;

    /** Whether layer {@code id} exists. */
    boolean exists(String id);

    /** Where the layer's own files are, for applying a changeset to it and for reading its diff. */
    LayerFiles files(String id);

    /**
     * How to mount the layer with all its parents: performing these mounts on an empty directory shows the
     * layer's complete tree, writable when the layer was created writable.
     */
    List<MountSpec> mounts(String id) throws IOException;

    /**
     * What {@code inspect} shows as {@code GraphDriver.Data} for this layer (e.g. {@code LowerDir},
     * {@code UpperDir}, {@code WorkDir} for overlay).
     */
    Map<String, String> metadata(String id) throws IOException;

    /** The lines {@code berth info} prints under the driver's name. */
    List<StatusLine> status();

    /**
     * Removes what an interrupted operation may have left in the driver's home (half-created layers are
     * berth's to remove; this is for the driver's own scratch files).
     */
    void cleanup() throws IOException;
}
