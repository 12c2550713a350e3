package dev.berth.core.archive;

import dev.berth.core.host.FileStatus;
import dev.berth.core.host.HostFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a layer's diff as a changeset tar (the form {@code commit}, {@code save} and {@code push} need):
 * straight from an overlayfs upper directory, turning 0/0 character devices back into {@code .wh.} entries
 * and opaque directories into {@code .wh..wh..opq}; or from a list of changes against a complete tree (the
 * naive diff), turning deletions into {@code .wh.} entries. Files that share an inode become hard links to
 * the first one written.
 */
public final class LayerDiffs {

    private final Path root;
    private final TarWriter tar;
    private final Map<Long, String> writtenInodes = new HashMap<>();

    private LayerDiffs(Path root, OutputStream out) {
        this.root = root;
        this.tar = new TarWriter(out);
    }

    /** Writes the diff held by an overlayfs upper directory to {@code out} (which stays open). */
    public static void writeOverlayUpper(Path upper, OutputStream out) throws IOException {
        LayerDiffs diff = new LayerDiffs(upper, out);
        diff.writeUpperDirectory("");
        diff.tar.finish();
    }

    /** Writes {@code changes} of the complete tree {@code tree} to {@code out} (which stays open). */
    public static void writeChanges(Path tree, List<Change> changes, OutputStream out) throws IOException {
        LayerDiffs diff = new LayerDiffs(tree, out);
        for (Change change : changes) {
            if (change.kind() == Change.Kind.DELETED) {
                String parent = LayerPath.parent(change.path());
                FileStatus parentStatus = FileStatus.of(tree.resolve(parent));
                diff.tar.write(marker(LayerPath.child(parent, LayerApplier.WHITEOUT_PREFIX
                        + LayerPath.base(change.path())), parentStatus), InputStream.nullInputStream());
            } else {
                diff.writeFile(change.path(), FileStatus.of(tree.resolve(change.path())));
            }
        }
        diff.tar.finish();
    }

    private void writeUpperDirectory(String path) throws IOException {
        for (String name : TreeChanges.names(root.resolve(path))) {
            String child = LayerPath.child(path, name);
            FileStatus status = FileStatus.of(root.resolve(child));
            if (status.isWhiteout()) {
                tar.write(marker(LayerPath.child(path, LayerApplier.WHITEOUT_PREFIX + name), status),
                        InputStream.nullInputStream());
                continue;
            }
            writeFile(child, status);
            if (status.isDirectory()) {
                if (TreeChanges.isOpaque(root.resolve(child))) {
                    tar.write(marker(LayerPath.child(child, LayerApplier.OPAQUE_MARKER), status),
                            InputStream.nullInputStream());
                }
                writeUpperDirectory(child);
            }
        }
    }

    private void writeFile(String path, FileStatus status) throws IOException {
        Path file = root.resolve(path);
        if (status.links() > 1 && !status.isDirectory()) {
            String first = writtenInodes.putIfAbsent(status.inode(), path);
            if (first != null) {
                tar.write(new TarEntry(path, TarEntry.HARD_LINK, status.permissions(), status.uid(), status.gid(),
                        0, status.mtime(), first, 0, 0, Map.of()), InputStream.nullInputStream());
                return;
            }
        }
        char type;
        String link = "";
        switch (status.type()) {
            case HostFiles.S_IFREG: type = TarEntry.FILE; break;
            case HostFiles.S_IFDIR: type = TarEntry.DIRECTORY; break;
            case HostFiles.S_IFLNK:
                type = TarEntry.SYMLINK;
                link = Files.readSymbolicLink(file).toString();
                break;
            case HostFiles.S_IFCHR: type = TarEntry.CHAR_DEVICE; break;
            case HostFiles.S_IFBLK: type = TarEntry.BLOCK_DEVICE; break;
            case HostFiles.S_IFIFO: type = TarEntry.FIFO; break;
            default:
                return; // Sockets belong to running processes, not to images; Docker leaves them out too.
        }
        TarEntry entry = new TarEntry(path, type, status.permissions(), status.uid(), status.gid(),
                type == TarEntry.FILE ? status.size() : 0, status.mtime(), link,
                (int) HostFiles.major(status.rdev()), (int) HostFiles.minor(status.rdev()), archivedXattrs(file));
        if (type == TarEntry.FILE && status.size() > 0) {
            try (InputStream content = Files.newInputStream(file)) {
                tar.write(entry, content);
            }
        } else {
            tar.write(entry, InputStream.nullInputStream());
        }
    }

    /**
     * The extended attributes that belong in an image: not overlayfs's own, and not SELinux labels, which
     * are the host's business (Docker leaves them out as well).
     */
    private static Map<String, byte[]> archivedXattrs(Path file) throws IOException {
        Map<String, byte[]> xattrs = new LinkedHashMap<>(HostFiles.xattrs(file));
        xattrs.keySet().removeIf(name -> name.startsWith("trusted.overlay.") || name.equals("security.selinux"));
        return xattrs;
    }

    /** A whiteout or opaque marker entry: an empty regular file, owned like the file or directory it stands for. */
    private static TarEntry marker(String path, FileStatus like) {
        return new TarEntry(path, TarEntry.FILE, 0600, like.uid(), like.gid(), 0, like.mtime(), "", 0, 0, Map.of());
    }
}
