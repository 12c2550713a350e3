package dev.berth.core.host;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The writers' lock of a store, across threads and processes: a JVM lock (file locks belong to the whole
 * process) and an exclusive {@code fcntl} lock on a lock file. Held only for metadata updates, never while
 * a layer's content is extracted, so that one long {@code load} does not stall every other command.
 */
public final class StoreLock {

    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path file;
    private final ReentrantLock threads;
    private FileChannel channel;

    public StoreLock(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.threads = IN_PROCESS.computeIfAbsent(this.file, f -> new ReentrantLock());
    }

    /** Takes the lock; the returned handle releases it. Reentrant within a thread. */
    public Held lock() throws IOException {
        threads.lock();
        try {
            if (threads.getHoldCount() == 1) {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                channel.lock();
            }
        } catch (IOException | RuntimeException e) {
            release();
            throw e;
        }
        return this::release;
    }

    private void release() {
        try {
            if (threads.getHoldCount() == 1 && channel != null) {
                channel.close(); // Closing releases the file lock.
                channel = null;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot release the lock " + file, e);
        } finally {
            threads.unlock();
        }
    }

    /** A held lock. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
