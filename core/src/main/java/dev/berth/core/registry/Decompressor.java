package dev.berth.core.registry;

import dev.berth.core.Progress;
import dev.berth.core.ProgressStreams;
import dev.berth.core.archive.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A layer blob decompressed by a thread of its own, so that inflating and extracting a layer run on two
 * cores instead of one. The layer store reads the plain tar from {@link #stream()}; a damaged blob or a
 * failed download fails that read with the reason. The layer's diff ID, which the store verifies, covers
 * every byte of the result.
 */
final class Decompressor implements AutoCloseable {

    /** Chunks of 64 KB between the two threads: enough to ride out uneven speeds, little memory. */
    private static final int CHUNKS = 32;

    private final ChunkPipe pipe = new ChunkPipe(CHUNKS);
    private final Thread thread;

    private Decompressor(InputStream blob, Progress.Task task) {
        thread = new Thread(() -> run(blob, task), "berth-decompress");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts decompressing {@code blob} (gzip, zstd or plain), reporting compressed bytes read to {@code task}. */
    static Decompressor start(InputStream blob, Progress.Task task) {
        return new Decompressor(blob, task);
    }

    /** The uncompressed layer. */
    InputStream stream() {
        return pipe.source();
    }

    private void run(InputStream blob, Progress.Task task) {
        try (InputStream in = Compression.decompressed(ProgressStreams.reading(blob, task));
             OutputStream out = pipe.sink()) {
            in.transferTo(out);
        } catch (IOException e) {
            pipe.breakWith(e);
        }
    }

    /** Stops the thread if the reader gave up before the end (it may wait for a download), and waits for it. */
    @Override
    public void close() {
        pipe.breakWith(new IOException("the layer is no longer read"));
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
