package dev.berth.core.layer;

import dev.berth.core.host.HostFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Flushes a file system every {@value #PERIOD_MILLIS} ms while a layer is extracted onto it, so that the
 * {@code syncfs} which must come before the layer's commit finds little left to write. Without it the kernel
 * starts writing back only when the dirty pages reach its background threshold (by default a tenth of
 * memory) or are 30 s old, which a layer of a few hundred MB seldom does: the whole layer was written out
 * after the extraction, while nothing else happened. Each flush here runs on a thread of its own, while the extraction goes on.
 *
 * <p>The flushes cover the whole file system, as the final {@code syncfs} does, so they write nothing that
 * the final one would not; a layer extracted within the first period costs none.
 */
final class EarlyWriteback implements AutoCloseable {

    static final long PERIOD_MILLIS = 250;

    private final Path directory;
    private final Thread thread;
    private volatile boolean stopped;

    private EarlyWriteback(Path directory) {
        this.directory = directory;
        thread = new Thread(this::run, "berth-writeback");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts flushing the file system that holds {@code directory}. */
    static EarlyWriteback start(Path directory) {
        return new EarlyWriteback(directory);
    }

    /**
     * Stops the flushing; a flush under way finishes on its own (the caller's final {@code syncfs} waits for
     * the same writes anyway, so waiting here would only add time).
     */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }

    private void run() {
        while (!stopped) {
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            try {
                HostFiles.syncFileSystem(directory);
            } catch (IOException e) {
                return; // The final syncfs reports what is wrong with the file system.
            }
        }
    }
}
