package dev.berth.core.archive;

import dev.berth.core.BlockInputStream;
import dev.berth.core.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A layer archive read, decompressed and hashed on a thread of its own, ahead of the extraction that reads
 * {@link #stream()}: computing the diff ID, and inflating a compressed layer, then run on the second core
 * instead of between the extraction's file operations. The chunks come from a small fixed pool and go back
 * to it once read, so a slow extraction holds the reading back instead of filling memory.
 *
 * <p>The thread reads the archive only between {@link #start} and {@link #close}, which waits for it; a caller
 * may go on reading an enclosing stream afterwards (a layer inside an image archive).
 */
final class LayerReadAhead implements AutoCloseable {

    /** 256 KB reads: few hand-overs for a large layer. */
    private static final int CHUNK_BYTES = 1 << 18;
    /** 2 MB in flight. */
    private static final int CHUNKS = 8;

    /** A filled chunk; no bytes mark the end of the stream, or its failure when {@link #failure} is set. */
    private record Filled(byte[] bytes, int length) {
    }

    private static final Filled LAST = new Filled(null, 0);

    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    private final BlockingQueue<Filled> filled = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final MessageDigest sha256 = Digest.sha256();
    private final Thread thread;
    /** Why the archive could not be read; set before {@link #LAST} is handed over. */
    private volatile IOException failure;
    private volatile boolean stopped;

    private LayerReadAhead(InputStream archive) {
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new byte[CHUNK_BYTES]);
        }
        thread = new Thread(() -> run(archive), "berth-read-layer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts reading {@code archive} (plain, gzip or zstd tar). */
    static LayerReadAhead start(InputStream archive) {
        return new LayerReadAhead(archive);
    }

    /**
     * The uncompressed archive. A failure to read or decompress it fails the read that reaches it, with the
     * same exception (so that a truncated stream is still an {@link java.io.EOFException}, a corrupt gzip
     * stream a {@link java.util.zip.ZipException}).
     */
    InputStream stream() {
        return new BlockInputStream() {
            private Filled current;
            private int position;
            private boolean ended;

            @Override
            protected int readBlock(byte[] buffer, int offset, int length) throws IOException {
                while (current == null || position == current.length()) {
                    if (current != null) {
                        free.add(current.bytes());
                        current = null;
                    }
                    if (!ended) {
                        Filled next = take();
                        ended = next == LAST;
                        current = ended ? null : next;
                        position = 0;
                    }
                    if (ended) {
                        IOException failed = failure;
                        if (failed != null) {
                            throw failed;
                        }
                        return -1;
                    }
                }
                int n = Math.min(length, current.length() - position);
                System.arraycopy(current.bytes(), position, buffer, offset, n);
                position += n;
                return n;
            }
        };
    }

    /** The sha256 of the uncompressed archive, once {@link #stream()} has been read to its end. */
    Digest diffId() {
        return Digest.of(sha256);
    }

    /** Stops the thread if the extraction ended before the archive did, and waits for it. */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        Uninterruptibly.join(thread); // The thread must be done with the archive before the caller reads on.
    }

    private void run(InputStream archive) {
        try {
            InputStream in = Compression.decompressed(archive);
            while (true) {
                byte[] chunk = free.poll(50, TimeUnit.MILLISECONDS);
                if (stopped) {
                    return;
                }
                if (chunk == null) {
                    continue;
                }
                int n = in.readNBytes(chunk, 0, chunk.length);
                if (n > 0) {
                    sha256.update(chunk, 0, n);
                    hand(new Filled(chunk, n));
                }
                if (n < chunk.length) {
                    hand(LAST);
                    return;
                }
            }
        } catch (InterruptedException e) {
            // Stopped by close(): nobody reads on.
        } catch (IOException e) {
            if (!stopped) { // Else it is close()'s interruption of a read, and nobody reads on.
                fail(e);
            }
        } catch (RuntimeException e) {
            fail(new IOException("cannot read the layer archive: " + e, e));
        }
    }

    private void fail(IOException e) {
        failure = e;
        try {
            hand(LAST);
        } catch (InterruptedException stop) {
            // Stopped by close(): nobody reads on.
        }
    }

    private void hand(Filled chunk) throws InterruptedException {
        while (!filled.offer(chunk, 50, TimeUnit.MILLISECONDS)) {
            if (stopped) {
                throw new InterruptedException("the extraction stopped");
            }
        }
    }

    private Filled take() throws IOException {
        try {
            while (true) {
                Filled next = filled.poll(50, TimeUnit.MILLISECONDS);
                if (next != null) {
                    return next;
                }
                if (!thread.isAlive() && filled.isEmpty()) {
                    throw new IOException("the thread reading the layer archive has stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while extracting the layer");
        }
    }
}
