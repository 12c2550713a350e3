package dev.berth.core.host;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Operations on whole directory trees. */
public final class FileTrees {

    private FileTrees() {
    }

    /**
     * Deletes {@code root} and everything under it, never following symlinks. A missing root is not an
     * error. As root, permissions do not stop a delete; as another user, unwritable directories are made
     * writable first.
     */
    public static void delete(Path root) throws IOException {
        delete(root, false);
    }

    /**
     * Like {@link #delete}, but without descending into another file system mounted below {@code root}: what a
     * mount left behind is not this caller's to empty, and it stays, with the directories that lead to it.
     */
    public static void deleteOnThisFileSystem(Path root) throws IOException {
        delete(root, true);
    }

    private static void delete(Path root, boolean stayOnDevice) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Object device = stayOnDevice ? Files.getAttribute(root, "unix:dev", LinkOption.NOFOLLOW_LINKS) : null;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (stayOnDevice && !device.equals(Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (!Files.isWritable(dir) || !Files.isExecutable(dir)) {
                    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
                    permissions.add(PosixFilePermission.OWNER_WRITE);
                    permissions.add(PosixFilePermission.OWNER_EXECUTE);
                    permissions.add(PosixFilePermission.OWNER_READ);
                    Files.setPosixFilePermissions(dir, permissions);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                if (exc instanceof AccessDeniedException) {
                    throw exc;
                }
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null && !(exc instanceof NoSuchFileException)) {
                    throw exc;
                }
                try {
                    Files.deleteIfExists(dir);
                } catch (DirectoryNotEmptyException e) {
                    if (!stayOnDevice) {
                        throw e;
                    }
                    // It leads to a mount point, which stays.
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Copies the tree {@code source} to {@code target} (which must not exist) faithfully: owners (as root),
     * permission bits with setuid, setgid and sticky, extended attributes ({@code trusted.*} included), mtimes
     * (symlinks' too), symlinks, hard links (files that share an inode in the source share one in the copy),
     * device nodes, fifos and sockets. File contents are reflink clones where the file system supports them.
     */
    public static void copy(Path source, Path target) throws IOException {
        boolean owners = HostFiles.isRoot();
        Map<Long, Path> copiedInodes = new HashMap<>();
        Deque<FileAttributes> directories = new ArrayDeque<>();
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path copy = target.resolve(source.relativize(dir).toString());
                FileStatus status = FileStatus.of(dir);
                Files.createDirectory(copy);
                directories.push(attributes(dir, status));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path copy = target.resolve(source.relativize(file).toString());
                FileStatus status = FileStatus.of(file);
                if (status.links() > 1 && !status.isDirectory()) {
                    Path first = copiedInodes.putIfAbsent(status.inode(), copy);
                    if (first != null) {
                        Files.createLink(copy, first);
                        return FileVisitResult.CONTINUE;
                    }
                }
                switch (status.type()) {
                    case HostFiles.S_IFREG:
                        HostFiles.copyContents(file, copy);
                        break;
                    case HostFiles.S_IFLNK:
                        Files.createSymbolicLink(copy, Files.readSymbolicLink(file));
                        break;
                    default:
                        HostFiles.createNode(copy, status.mode(), status.rdev());
                }
                attributes(file, status).applyTo(copy, status.isSymlink(), owners);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                // Once the entries are in: creating them changed the mtime, and a read-only mode would have
                // stopped a non-root copy from creating them.
                directories.pop().applyTo(target.resolve(source.relativize(dir).toString()), false, owners);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static FileAttributes attributes(Path file, FileStatus status) throws IOException {
        return new FileAttributes(status.uid(), status.gid(), status.permissions(), HostFiles.xattrs(file),
                status.mtime());
    }
}
