package dev.berth.core.archive;

import com.github.luben.zstd.ZstdIOException;
import com.sun.jna.Memory;
import dev.berth.core.InvalidInputException;
import dev.berth.core.host.FileAttributes;
import dev.berth.core.host.FileStatus;
import dev.berth.core.host.FileTrees;
import dev.berth.core.host.HostFiles;
import dev.berth.core.model.Digest;
import dev.berth.spi.LayerFiles;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a changeset (a layer tar, plain, gzip or zstd) to a layer's directory, computing its diff ID while
 * it streams. Deletions become overlayfs whiteouts and opaque markers in an {@link LayerFiles.Layout#OVERLAY_CHANGES}
 * directory and real deletions in a {@link LayerFiles.Layout#FULL_TREE} one.
 *
 * <p>Nothing lands outside the layer: entry names are made relative to the layer's root (see
 * {@link LayerPath}), every parent directory is checked not to be a symlink before anything is written
 * beneath it, an existing final component is removed rather than followed, and hard links must point at a
 * file inside the layer. An entry that would break out is refused with an error naming it.
 */
public final class LayerApplier {

    static final String WHITEOUT_PREFIX = ".wh.";
    static final String OPAQUE_MARKER = ".wh..wh..opq";
    static final String OPAQUE_XATTR = "trusted.overlay.opaque";
    private static final String OVERLAY_XATTRS = "trusted.overlay.";
    private static final byte[] YES = "y".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_WARNINGS = 20;

    /**
     * Applies {@code archive} to {@code target}, reading it to its very end.
     *
     * @throws InvalidInputException when the archive is not a tar, is truncated, or holds an entry that
     *                               would land outside the layer; the directory is then half-written and the
     *                               caller must throw it away
     */
    public AppliedLayer apply(InputStream archive, LayerFiles target) throws IOException, InvalidInputException {
        return apply(archive, target, TarSplit.Recorder.NONE);
    }

    /**
     * Applies {@code archive} to {@code target} and records its tar split, from which the exact archive can
     * be rebuilt later (see {@link TarSplit}).
     */
    public AppliedLayer apply(InputStream archive, LayerFiles target, TarSplit.Recorder split)
            throws IOException, InvalidInputException {
        boolean owners = HostFiles.isRoot();
        Run run;
        Digest diffId;
        try (LayerReadAhead tar = LayerReadAhead.start(archive);
             EntryWriter writer = new EntryWriter(target.directory(), owners)) {
            run = new Run(target, writer, owners);
            TarReader reader = new TarReader(tar.stream(), split);
            for (Optional<TarEntry> entry = reader.next(); entry.isPresent(); entry = reader.next()) {
                run.apply(entry.get(), reader.content());
            }
            reader.drain();
            run.finishDirectories();
            writer.finish().forEach(run::warn);
            diffId = tar.diffId();
        } catch (EOFException e) {
            throw new InvalidInputException("the layer archive is truncated (" + e.getMessage()
                    + "); download or save it again", e);
        } catch (java.util.zip.ZipException e) {
            throw new InvalidInputException("the layer archive's gzip stream is corrupt: " + e.getMessage(), e);
        } catch (ZstdIOException e) {
            throw new InvalidInputException("the layer archive's zstd stream is corrupt: " + e.getMessage(), e);
        }
        return new AppliedLayer(diffId, run.size, run.warnings);
    }

    /** The state of one application: what this changeset wrote, which directories are known safe. */
    private static final class Run {
        private final Path root;
        private final boolean overlay;
        private final boolean owners;
        /**
         * Whether the layer's directory was empty when this changeset began (an overlay layer, or a vfs base
         * layer): then nothing exists in it but what this changeset created, and a name it has not touched
         * needs no look-up.
         */
        private final boolean fresh;
        private final EntryWriter writer;
        /** Paths this changeset created, and their ancestors: what an opaque marker must not hide. */
        private final Set<String> touched = new HashSet<>();
        /** Directories known to be real directories (not symlinks) inside the layer. */
        private final Set<String> safeDirectories = new HashSet<>();
        private final Map<Path, FileAttributes> directories = new LinkedHashMap<>();
        private final List<String> warnings = new ArrayList<>();
        private final byte[] buffer = new byte[EntryWriter.CHUNK_BYTES];
        private long size;

        Run(LayerFiles target, EntryWriter writer, boolean owners) throws IOException {
            this.root = target.directory();
            this.overlay = target.layout() == LayerFiles.Layout.OVERLAY_CHANGES;
            this.writer = writer;
            this.owners = owners;
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
                this.fresh = !entries.iterator().hasNext();
            }
            safeDirectories.add("");
        }

        void apply(TarEntry entry, InputStream content) throws IOException, InvalidInputException {
            String what = "entry \"" + entry.name() + "\"";
            String path = LayerPath.normalize(entry.name(), what);
            String base = LayerPath.base(path);
            if (base.startsWith(WHITEOUT_PREFIX)) {
                if (base.equals(OPAQUE_MARKER)) {
                    opaque(LayerPath.parent(path), what);
                } else if (base.length() == WHITEOUT_PREFIX.length()) {
                    throw new InvalidInputException("refusing the archive: " + what
                            + " is a whiteout that names no file");
                } else {
                    whiteout(LayerPath.child(LayerPath.parent(path), base.substring(WHITEOUT_PREFIX.length())),
                            what);
                }
                return;
            }
            FileAttributes attributes = attributes(entry, path);
            if (path.isEmpty()) {
                if (!entry.isDirectory()) {
                    throw new InvalidInputException("refusing the archive: " + what
                            + " replaces the layer's root with something that is not a directory");
                }
                directories.put(root, attributes);
                return;
            }
            Path file;
            try {
                file = directory(LayerPath.parent(path), true, what).resolve(base);
            } catch (NotDirectoryException e) {
                throw new InvalidInputException("refusing the archive: " + what + " is beneath \""
                        + e.getFile() + "\", which is not a directory", e);
            }
            FileStatus existing = status(path, file);
            boolean replacesWhiteout = existing != null && existing.isWhiteout();
            if (existing != null && !(existing.isDirectory() && entry.isDirectory())) {
                remove(path, file, existing);
            }
            switch (entry.type()) {
                case TarEntry.DIRECTORY:
                    if (existing == null || !existing.isDirectory()) {
                        // When it replaces a directory this layer deleted, nothing of the lower one may show.
                        boolean opaque = overlay && replacesWhiteout;
                        writer.create(file, () -> {
                            Files.createDirectory(file);
                            if (opaque) {
                                HostFiles.setXattr(file, OPAQUE_XATTR, YES);
                            }
                            return List.of();
                        });
                    }
                    safeDirectories.add(path);
                    directories.put(file, attributes);
                    break;
                case TarEntry.FILE:
                    writeFile(file, entry.size(), attributes, content, what);
                    size += entry.size();
                    break;
                case TarEntry.SYMLINK:
                    if (entry.linkName().isEmpty()) {
                        throw new InvalidInputException("refusing the archive: " + what
                                + " is a symlink with an empty target");
                    }
                    Path linkName = Path.of(entry.linkName());
                    writer.create(file, () -> {
                        Files.createSymbolicLink(file, linkName);
                        return attributes.applyTo(file, true, owners);
                    });
                    break;
                case TarEntry.HARD_LINK:
                    Path existingFile = linkTarget(entry, what);
                    writer.create(file, () -> {
                        Files.createLink(file, existingFile);
                        return List.of();
                    });
                    break;
                case TarEntry.CHAR_DEVICE:
                case TarEntry.BLOCK_DEVICE:
                case TarEntry.FIFO:
                    int type = entry.type() == TarEntry.FIFO ? HostFiles.S_IFIFO
                            : entry.type() == TarEntry.CHAR_DEVICE ? HostFiles.S_IFCHR : HostFiles.S_IFBLK;
                    long device = HostFiles.device(entry.devMajor(), entry.devMinor());
                    writer.create(file, () -> {
                        HostFiles.createNode(file, type | entry.mode(), device);
                        return attributes.applyTo(file, false, owners);
                    });
                    break;
                default:
                    throw new InvalidInputException("refusing the archive: " + what + " has the entry type '"
                            + entry.type() + "', which a layer cannot hold");
            }
            touch(path);
        }

        /** The file a hard link points at: inside the layer, reached through real directories, not a directory. */
        private Path linkTarget(TarEntry entry, String what) throws IOException, InvalidInputException {
            String target = LayerPath.normalize(entry.linkName(), "the hard link target of " + what);
            Path file;
            try {
                file = directory(LayerPath.parent(target), false, what);
            } catch (NotDirectoryException e) {
                file = null;
            }
            FileStatus status = file == null || target.isEmpty() ? null
                    : status(target, file.resolve(LayerPath.base(target)));
            if (status == null || status.isDirectory() || status.isWhiteout()) {
                throw new InvalidInputException("refusing the archive: " + what + " is a hard link to \""
                        + entry.linkName() + "\", which is not a file in this layer");
            }
            return file.resolve(LayerPath.base(target));
        }

        /** {@code .wh.<name>}: hides {@code path} of the lower layers. */
        private void whiteout(String path, String what) throws IOException, InvalidInputException {
            Path parent;
            try {
                parent = directory(LayerPath.parent(path), overlay, what);
            } catch (NotDirectoryException e) {
                return; // Beneath something that is not a directory (e.g. deleted already): nothing to hide.
            }
            if (parent == null) {
                return;
            }
            Path file = parent.resolve(LayerPath.base(path));
            FileStatus existing = status(path, file);
            if (!overlay) {
                if (existing == null) {
                    return;
                }
                if (touched.contains(path)) {
                    if (existing.isDirectory()) {
                        removeUntouchedChildren(path, file);
                    }
                } else {
                    remove(path, file, existing);
                }
                return;
            }
            if (existing != null && touched.contains(path)) {
                // This layer's own entry stays; it hides the lower one already, unless it is a directory.
                if (existing.isDirectory()) {
                    HostFiles.setXattr(file, OPAQUE_XATTR, YES); // Looked up, so drained: nothing queued.
                }
                return;
            }
            if (existing != null) {
                remove(path, file, existing);
            }
            writer.create(file, () -> {
                HostFiles.createNode(file, HostFiles.S_IFCHR, 0);
                return List.of();
            });
            touch(path);
        }

        /** {@code .wh..wh..opq}: hides everything the lower layers have in {@code path}. */
        private void opaque(String path, String what) throws IOException, InvalidInputException {
            Path dir;
            try {
                dir = directory(path, true, what);
            } catch (NotDirectoryException e) {
                return;
            }
            if (overlay) {
                writer.create(dir, () -> { // After its creation, if that is still queued.
                    HostFiles.setXattr(dir, OPAQUE_XATTR, YES);
                    return List.of();
                });
            } else {
                removeUntouchedChildren(path, dir);
            }
            touch(path);
        }

        /** Removes what the lower layers put in a directory, keeping what this changeset wrote there. */
        private void removeUntouchedChildren(String path, Path dir) throws IOException {
            writer.drain(); // The listing must show the files this changeset wrote there.
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                entries.forEach(children::add);
            }
            for (Path child : children) {
                String childPath = LayerPath.child(path, child.getFileName().toString());
                FileStatus status = status(childPath, child);
                if (status == null) {
                    continue;
                }
                if (!touched.contains(childPath)) {
                    remove(childPath, child, status);
                } else if (status.isDirectory()) {
                    removeUntouchedChildren(childPath, child);
                }
            }
        }

        /**
         * The directory {@code path} inside the layer, each component checked to be a real directory. A
         * missing one is created (mode 0755, as Docker does) when {@code create}, else null is returned.
         */
        private Path directory(String path, boolean create, String what)
                throws IOException, InvalidInputException {
            Path dir = root.resolve(path);
            if (safeDirectories.contains(path)) {
                return dir;
            }
            Path parent = directory(LayerPath.parent(path), create, what);
            if (parent == null) {
                return null;
            }
            FileStatus status = status(path, dir);
            if (status == null) {
                if (!create) {
                    return null;
                }
                writer.create(dir, () -> {
                    Files.createDirectory(dir);
                    HostFiles.setMode(dir, 0755);
                    return List.of();
                });
                touch(path);
            } else if (status.isSymlink()) {
                throw new InvalidInputException("refusing the archive: " + what
                        + " would be written through the symlink \"" + path + "\", which may point outside the layer");
            } else if (!status.isDirectory()) {
                throw new NotDirectoryException(path);
            }
            safeDirectories.add(path);
            return dir;
        }

        /**
         * Removes what a look-up found, here rather than on the writer thread: a name this changeset created
         * was drained by its look-up, and one it did not create has nothing queued at it or beneath it.
         */
        private void remove(String path, Path file, FileStatus status) throws IOException {
            if (status.isDirectory()) {
                FileTrees.delete(file);
                String prefix = path + "/";
                safeDirectories.removeIf(d -> d.equals(path) || d.startsWith(prefix));
                directories.keySet().removeIf(d -> d.startsWith(file));
            } else {
                Files.delete(file);
            }
        }

        private void touch(String path) {
            for (String p = path; !p.isEmpty() && touched.add(p); p = LayerPath.parent(p)) {
                // Each ancestor once: stop at the first one already recorded.
            }
        }

        private FileAttributes attributes(TarEntry entry, String path) {
            Map<String, byte[]> xattrs = entry.xattrs();
            if (xattrs.keySet().stream().anyMatch(k -> k.startsWith(OVERLAY_XATTRS))) {
                // overlayfs's own attributes would steer the kernel (redirects, metacopy): never taken from input.
                xattrs = new LinkedHashMap<>(xattrs);
                xattrs.keySet().removeIf(k -> k.startsWith(OVERLAY_XATTRS));
                warn("the overlayfs attributes of " + path + " were dropped");
            }
            return new FileAttributes(entry.uid(), entry.gid(), entry.mode(), xattrs, entry.mtime());
        }

        /** Hands a regular file, its content and its attributes to the writer thread, which creates it. */
        private void writeFile(Path file, long size, FileAttributes attributes, InputStream content, String what)
                throws IOException {
            EntryWriter.Target target = new EntryWriter.Target(file, attributes.permissions());
            long left = size;
            do {
                int length = (int) Math.min(buffer.length, left);
                if (content.readNBytes(buffer, 0, length) < length) {
                    throw new EOFException("in the content of " + what);
                }
                Memory chunk = writer.chunk();
                chunk.write(0, buffer, 0, length);
                left -= length;
                writer.submit(target, chunk, length, left == 0 ? attributes : null);
            } while (left > 0);
        }

        /** Directories get their mtimes last, deepest first, since creating their entries changed them. */
        void finishDirectories() throws IOException {
            List<Map.Entry<Path, FileAttributes>> list = new ArrayList<>(directories.entrySet());
            for (int i = list.size() - 1; i >= 0; i--) {
                Path directory = list.get(i).getKey();
                FileAttributes attributes = list.get(i).getValue();
                writer.create(directory, () -> attributes.applyTo(directory, false, owners));
            }
        }

        void warn(String line) {
            if (warnings.size() < MAX_WARNINGS) {
                warnings.add(line);
            }
        }

        /** What is at {@code path} ({@code file} in the layer's directory), or null when nothing is. */
        private FileStatus status(String path, Path file) throws IOException {
            boolean written = touched.contains(path);
            if (fresh && !written) {
                return null;
            }
            if (written) {
                writer.drain(); // It may be a file the writer thread has yet to create.
            }
            try {
                return FileStatus.of(file);
            } catch (NoSuchFileException e) {
                return null;
            }
        }
    }
}
