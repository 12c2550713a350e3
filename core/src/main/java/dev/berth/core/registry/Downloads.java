package dev.berth.core.registry;

import dev.berth.core.BerthException;
import dev.berth.core.EngineFailureException;
import dev.berth.core.Progress;
import dev.berth.core.image.Descriptor;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The blobs a pull downloads, in scratch space ({@code data-root/tmp/pull/}): {@code <hex>.partial} while it
 * downloads (resumed by the next pull when this one dies), {@code <hex>} once complete and verified. A pull
 * that succeeds removes the blobs it used; what failed pulls leave is reused by the next, and swept after a
 * day. Two processes pulling the same blob do not share a file: the one that holds {@code <hex>.lock}
 * downloads into the shared partial file, the other into one of its own.
 */
final class Downloads {

    private static final Duration STALE = Duration.ofDays(1);

    private final Path directory;

    Downloads(Path directory) {
        this.directory = directory;
    }

    /** The blob as a complete, verified file: downloaded now, or reused from an earlier pull. */
    Path fetch(RegistryClient client, Descriptor blob, Progress.Task task) throws BerthException {
        Path complete = directory.resolve(blob.digest().hex());
        try {
            Files.createDirectories(directory);
            sweep();
            if (Files.isRegularFile(complete) && Files.size(complete) == blob.size()) {
                // Verified when it was written; verified again as it is extracted, in case the disk lost it.
                task.status("Download complete");
                return complete;
            }
            try (FileChannel lockFile = FileChannel.open(directory.resolve(blob.digest().hex() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = tryLock(lockFile)) {
                Path partial = directory.resolve(blob.digest().hex()
                        + (lock != null ? "" : "." + UUID.randomUUID()) + ".partial");
                try {
                    client.download(blob, partial, task);
                } catch (BerthException | RuntimeException e) {
                    if (lock == null) {
                        Files.deleteIfExists(partial); // Nobody would resume a private download.
                    }
                    throw e;
                }
                task.status("Verifying Checksum");
                task.status("Download complete");
                Files.move(partial, complete, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return complete;
            }
        } catch (IOException e) {
            throw new EngineFailureException("cannot keep the download of " + blob.digest() + " under " + directory
                    + ": " + e.getMessage(), e);
        }
    }

    /** Removes a complete download that turned out damaged. */
    void discard(Descriptor blob) {
        delete(directory.resolve(blob.digest().hex()));
    }

    /** Removes the downloads of a pull that succeeded. */
    void forget(List<Descriptor> blobs) {
        for (Descriptor blob : blobs) {
            delete(directory.resolve(blob.digest().hex()));
            delete(directory.resolve(blob.digest().hex() + ".lock"));
        }
    }

    /** Removes downloads nobody touched for a day: pulls that were never tried again. */
    private void sweep() throws IOException {
        Instant limit = Instant.now().minus(STALE);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(limit)) {
                    delete(file);
                }
            }
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // Another thread of this process downloads the same blob.
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Scratch space: a file left here is swept later.
        }
    }
}
