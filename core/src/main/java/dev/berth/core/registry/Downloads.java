package dev.berth.core.registry;

import dev.berth.core.BerthException;
import dev.berth.core.BlockInputStream;
import dev.berth.core.EngineFailureException;
import dev.berth.core.Progress;
import dev.berth.core.image.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * The blobs a pull downloads, in scratch space ({@code data-root/tmp/pull/}): {@code <hex>.partial} while it
 * downloads (resumed by the next pull when this one dies), {@code <hex>} once complete and verified. A blob
 * can be read while it downloads ({@link Fetch#open}), so that a layer is extracted as it arrives; the reader
 * sees the end of the blob only once the whole blob is verified. A pull that succeeds removes the blobs it
 * used; what failed pulls leave is reused by the next, and swept after a day. Two processes pulling the same
 * blob do not share a file: the one that holds {@code <hex>.lock} downloads into the shared partial file,
 * the other into one of its own.
 */
final class Downloads {

    private static final Duration STALE = Duration.ofDays(1);

    private final Path directory;

    Downloads(Path directory) {
        this.directory = directory;
    }

    /** A blob on its way: the file it is written to, and whether it arrived whole and verified. */
    static final class Fetch {
        private final CompletableFuture<Path> writing = new CompletableFuture<>();
        private final CompletableFuture<Path> done = new CompletableFuture<>();

        /** The complete, verified file, or the download's failure. */
        Path await() throws BerthException {
            return Parallel.await(done, "the download");
        }

        /** Whether the download failed (so far). */
        boolean failed() {
            return done.isCompletedExceptionally();
        }

        /** Runs {@code action} once the blob is complete and verified (at once if it is). */
        void whenComplete(Runnable action) {
            done.thenRun(action);
        }

        /**
         * The blob as it downloads: reads wait for bytes still to come, and the end comes only after the whole
         * blob is verified; a failed download fails the read.
         */
        InputStream open() {
            return new Growing();
        }

        private synchronized void signal() {
            notifyAll();
        }

        private synchronized void pause() throws IOException {
            try {
                wait(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for a download");
            }
        }

        private IOException failure() {
            try {
                done.get();
                return null;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                return new IOException(cause.getMessage(), cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new java.io.InterruptedIOException("interrupted while waiting for a download");
            }
        }

        /** The reading side of a file that grows. */
        private final class Growing extends BlockInputStream {
            private FileChannel channel;
            private long position;

            @Override
            protected int readBlock(byte[] buffer, int offset, int length) throws IOException {
                while (true) {
                    if (channel == null) {
                        channel = openWhenThere();
                        if (channel == null) {
                            continue;
                        }
                    }
                    // Read whether or not the download is over: done is checked before the read, so
                    // that a read that finds nothing after it means the end.
                    boolean complete = done.isDone();
                    int n = channel.read(ByteBuffer.wrap(buffer, offset, length), position);
                    if (n > 0) {
                        position += n;
                        return n;
                    }
                    if (complete) {
                        IOException failed = failure();
                        if (failed != null) {
                            throw failed;
                        }
                        return -1;
                    }
                    pause();
                }
            }

            private FileChannel openWhenThere() throws IOException {
                if (done.isDone()) {
                    IOException failed = failure();
                    if (failed != null) {
                        throw failed;
                    }
                    return FileChannel.open(done.join(), StandardOpenOption.READ);
                }
                if (writing.isDone()) {
                    try {
                        return FileChannel.open(writing.join(), StandardOpenOption.READ);
                    } catch (NoSuchFileException e) {
                        // Not created yet, or just renamed to its complete name: look again.
                    }
                }
                pause();
                return null;
            }

            @Override
            public void close() throws IOException {
                if (channel != null) {
                    channel.close();
                }
            }
        }
    }

    /** Starts fetching {@code blob} on {@code pool}: downloaded now, or reused from an earlier pull. */
    Fetch fetch(RegistryClient client, Descriptor blob, Progress.Task task, ExecutorService pool) {
        Fetch fetch = new Fetch();
        pool.submit(() -> {
            try {
                fetch.done.complete(download(client, blob, new Progress.Task() {
                    @Override
                    public void advance(long bytes) {
                        task.advance(bytes);
                        fetch.signal();
                    }

                    @Override
                    public void status(String status) {
                        task.status(status);
                    }

                    @Override
                    public void phase(String action, long total) {
                        task.phase(action, total);
                    }

                    @Override
                    public void done(String status) {
                        task.done(status);
                    }
                }, fetch.writing));
            } catch (BerthException | RuntimeException e) {
                fetch.done.completeExceptionally(e);
            }
            fetch.signal();
        });
        return fetch;
    }

    private Path download(RegistryClient client, Descriptor blob, Progress.Task task, CompletableFuture<Path> writing)
            throws BerthException {
        Path complete = directory.resolve(blob.digest().hex());
        try {
            Files.createDirectories(directory);
            sweep();
            if (Files.isRegularFile(complete) && Files.size(complete) == blob.size()) {
                // Verified when it was written; the layer's diff ID is verified again as it is extracted.
                writing.complete(complete);
                task.status("Download complete");
                return complete;
            }
            try (FileChannel lockFile = FileChannel.open(directory.resolve(blob.digest().hex() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = tryLock(lockFile)) {
                Path partial = directory.resolve(blob.digest().hex()
                        + (lock != null ? "" : "." + UUID.randomUUID()) + ".partial");
                writing.complete(partial);
                try {
                    client.download(blob, partial, task);
                } catch (BerthException | RuntimeException e) {
                    if (lock == null) {
                        Files.deleteIfExists(partial); // Nobody would resume a private download.
                    }
                    throw e;
                }
                task.status("Verifying Checksum");
                // On disk before it is named complete (a crash must not leave a short "complete" blob), and
                // flushed here, while the layer extracts, rather than by the layer store's syncfs later.
                try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                    channel.force(false);
                }
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
