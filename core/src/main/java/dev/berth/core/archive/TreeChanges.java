package dev.berth.core.archive;

import dev.berth.core.host.FileStatus;
import dev.berth.core.host.HostFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lists what a layer changed against its parent's tree, with Docker's rules: a file is changed when its
 * type, mode, owner, device number, extended attributes or symlink target differ, or (not for directories,
 * whose mtime says little) its size or mtime; a directory with changes inside is listed as changed; a
 * deleted directory is listed once, not its contents.
 */
public final class TreeChanges {

    private static final String OVERLAY_XATTRS = "trusted.overlay.";

    private final boolean overlay;
    private final List<Change> changes = new ArrayList<>();

    private TreeChanges(boolean overlay) {
        this.overlay = overlay;
    }

    /**
     * The naive diff: compares a layer's complete tree with its parent's (null for a base layer).
     */
    public static List<Change> betweenTrees(Path parentTree, Path layerTree) throws IOException {
        TreeChanges walk = new TreeChanges(false);
        walk.walk("", layerTree, parentTree, true);
        return walk.changes;
    }

    /**
     * The changes an overlayfs upper directory holds, classified against the parent's merged tree (null for
     * a base layer): 0/0 character devices are deletions, opaque directories delete what the parent had in
     * them.
     */
    public static List<Change> ofOverlayUpper(Path upper, Path parentTree) throws IOException {
        TreeChanges walk = new TreeChanges(true);
        walk.walk("", upper, parentTree, false);
        return walk.changes;
    }

    private void walk(String path, Path newDir, Path oldDir, boolean deletions) throws IOException {
        Set<String> oldNames = oldDir == null ? Set.of() : names(oldDir);
        Set<String> newNames = names(newDir);
        for (String name : newNames) {
            String child = LayerPath.child(path, name);
            Path newFile = newDir.resolve(name);
            FileStatus now = FileStatus.of(newFile);
            if (overlay && now.isWhiteout()) {
                changes.add(new Change(child, Change.Kind.DELETED));
                continue;
            }
            FileStatus before = oldNames.contains(name) ? FileStatus.of(oldDir.resolve(name)) : null;
            if (before == null) {
                changes.add(new Change(child, Change.Kind.ADDED));
                if (now.isDirectory()) {
                    walk(child, newFile, null, false);
                }
                continue;
            }
            int position = changes.size();
            boolean changed = differ(before, now, oldDir.resolve(name), newFile);
            if (changed) {
                changes.add(new Change(child, Change.Kind.CHANGED));
            }
            if (now.isDirectory()) {
                Path oldChild = before.isDirectory() ? oldDir.resolve(name) : null;
                boolean opaque = overlay && isOpaque(newFile);
                walk(child, newFile, oldChild, !overlay || opaque);
                if (!changed && changes.size() > position) {
                    changes.add(position, new Change(child, Change.Kind.CHANGED));
                }
            }
        }
        if (deletions) {
            for (String name : oldNames) {
                if (!newNames.contains(name)) {
                    changes.add(new Change(LayerPath.child(path, name), Change.Kind.DELETED));
                }
            }
        }
    }

    private static boolean differ(FileStatus before, FileStatus now, Path oldFile, Path newFile)
            throws IOException {
        if (before.mode() != now.mode() || before.uid() != now.uid() || before.gid() != now.gid()
                || before.rdev() != now.rdev()) {
            return true;
        }
        if (!now.isDirectory() && (before.size() != now.size() || !sameTime(before.mtime(), now.mtime()))) {
            return true;
        }
        if (now.isSymlink() && !Files.readSymbolicLink(oldFile).equals(Files.readSymbolicLink(newFile))) {
            return true;
        }
        return !sameXattrs(HostFiles.xattrs(oldFile), HostFiles.xattrs(newFile));
    }

    /** Docker's rule: equal seconds, and equal nanoseconds unless one side lost them (a tar keeps seconds). */
    private static boolean sameTime(long a, long b) {
        long secondsA = Math.floorDiv(a, 1_000_000_000L);
        long secondsB = Math.floorDiv(b, 1_000_000_000L);
        long nanosA = Math.floorMod(a, 1_000_000_000L);
        long nanosB = Math.floorMod(b, 1_000_000_000L);
        return secondsA == secondsB && (nanosA == nanosB || nanosA == 0 || nanosB == 0);
    }

    private static boolean sameXattrs(Map<String, byte[]> a, Map<String, byte[]> b) {
        Set<String> names = new HashSet<>(a.keySet());
        names.addAll(b.keySet());
        for (String name : names) {
            if (!name.startsWith(OVERLAY_XATTRS) && !Arrays.equals(a.get(name), b.get(name))) {
                return false;
            }
        }
        return true;
    }

    static boolean isOpaque(Path dir) throws IOException {
        byte[] value = HostFiles.xattrs(dir).get(LayerApplier.OPAQUE_XATTR);
        return value != null && value.length == 1 && value[0] == 'y';
    }

    /** A directory's entry names, sorted, so that lists and archives come out the same every time. */
    static Set<String> names(Path dir) throws IOException {
        Set<String> names = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        }
        return names;
    }
}
