package dev.berth.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The host operations that berth lends to storage drivers, so that a driver needs nothing but this package.
 *
 * <p>Everything here is safe to call from any thread of a multithreaded process.
 */
public interface DriverContext {

    /**
     * A directory for this driver under berth's exec-root, for state that lasts one boot (e.g. a cached
     * probe result). It exists when the context is handed out.
     */
    Path runDirectory();

    /** Mounts the described mounts, in order, on {@code target}, which must be an existing directory. */
    void mount(List<MountSpec> mounts, Path target) throws IOException;

    /** Unmounts {@code target} (lazily, so that a busy mount cannot block a command forever). */
    void unmount(Path target) throws IOException;

    /** The file system that holds {@code path}, which must exist. */
    FileSystemInfo fileSystem(Path path) throws IOException;

    /** Creates an overlayfs whiteout at {@code path}: a character device with device number 0/0. */
    void createWhiteout(Path path) throws IOException;

    /** Sets an extended attribute on {@code path} without following a symlink. */
    void setXattr(Path path, String name, byte[] value) throws IOException;

    /**
     * Removes the tree at {@code root} without following symlinks; a missing tree is not an error. Directories
     * without write permission are made writable first, as a layer may contain them.
     */
    void deleteTree(Path root) throws IOException;

    /**
     * Copies the directory tree {@code source} to {@code target}, which must not exist, faithfully: owners,
     * permissions with setuid bits, mtimes, extended attributes, symlinks, hard links, device nodes and fifos.
     * File contents are reflink clones where the file system supports them.
     */
    void copyTree(Path source, Path target) throws IOException;
}
