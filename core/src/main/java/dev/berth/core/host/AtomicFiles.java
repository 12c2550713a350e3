package dev.berth.core.host;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Metadata writes that a crash cannot leave half done: a temp file in the same directory, fsync, atomic
 * rename, fsync of the directory. A reader sees the old content or the new, never a mix.
 */
public final class AtomicFiles {

    public static final String TEMP_SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    public static void write(Path file, byte[] content) throws IOException {
        Path temp = writeTemp(file, content, true);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(file.getParent());
    }

    /**
     * Replaces a file's content atomically for readers, but not durably: after a crash the file may hold the old
     * content, the new, or nothing. Only for caches, whose readers take a damaged file for a missing one.
     */
    public static void replace(Path file, byte[] content) throws IOException {
        Files.move(writeTemp(file, content, false), file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path writeTemp(Path file, byte[] content, boolean sync) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(java.nio.ByteBuffer.wrap(content));
            if (sync) {
                channel.force(true);
            }
        }
        return temp;
    }

    public static void delete(Path file) throws IOException {
        if (Files.deleteIfExists(file)) {
            syncDirectory(file.getParent());
        }
    }

    /** Renames within a directory and makes the rename durable. */
    public static void rename(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(to.getParent());
    }

    public static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
