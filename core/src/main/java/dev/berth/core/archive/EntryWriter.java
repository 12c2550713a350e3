package dev.berth.core.archive;

import com.sun.jna.Memory;
import dev.berth.core.host.FileAttributes;
import dev.berth.core.host.NewFile;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Creates the new entries of a layer extraction (directories, regular files with their content, symlinks,
 * links and nodes) and gives them their attributes, on a thread of its own, while the extraction goes on
 * parsing the archive: the kernel's work of allocating inodes and writing file data then runs on the second
 * core instead of between the entries.
 *
 * <p>The extraction keeps every decision on its own thread and hands the creations over in archive order, so
 * they happen in the order they would on one thread. A directory it hands over exists before anything handed
 * over after it is created beneath it. The extraction's look-ups, and the removals it decides from them, would
 * race with creations still queued, so it {@linkplain #drain() drains} the hand-over before it looks up a name
 * this changeset has created; a name it has not created has nothing queued, at it or beneath it. Regular files
 * are created with {@code O_EXCL | O_NOFOLLOW} and then written through their descriptors ({@link NewFile}).
 * File content is handed over in chunks from a fixed pool, so the memory and the open descriptors in flight
 * stay bounded; each file takes at least one chunk.
 */
final class EntryWriter implements AutoCloseable {

    static final int CHUNK_BYTES = 1 << 16;
    /** 4 MB in flight: many small files, or a stretch of a large one, ahead of the writes. */
    private static final int CHUNKS = 64;
    /** Entries without content (directories, symlinks) are small: many may wait besides the chunks. */
    private static final int QUEUED = 4 * CHUNKS;

    /**
     * A regular file to create at {@code path} with {@code permissions} (the umask applies; its attributes
     * set the exact bits) and fill. The writer thread creates it at its first piece.
     */
    record Target(Path path, int permissions) {
    }

    /** The creation of an entry that has no content; returns the names of the extended attributes refused. */
    @FunctionalInterface
    interface Creation {
        List<String> create() throws IOException;
    }

    /** What the thread is handed, in order. */
    private sealed interface Work permits Content, Entry, Drain, End {
    }

    /** A piece of a file's content; the last piece carries the attributes that finish the file. */
    private record Content(Target target, Memory chunk, int length, FileAttributes finish) implements Work {
    }

    private record Entry(Path path, Creation creation) implements Work {
    }

    private record Drain(CountDownLatch drained) implements Work {
    }

    private record End() implements Work {
    }

    private final BlockingQueue<Memory> free = new ArrayBlockingQueue<>(CHUNKS);
    private final BlockingQueue<Work> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Path root;
    private final boolean owners;
    private final Thread thread;
    private final List<String> warnings = new ArrayList<>();
    private volatile IOException failure;
    /** Whether work was handed over since the last drain (the extraction's thread alone reads and writes it). */
    private boolean queuedSinceDrain;
    private boolean ended;

    /**
     * @param root   the layer's directory, to name files in warnings
     * @param owners whether files get their owners (only root may set them)
     */
    EntryWriter(Path root, boolean owners) {
        this.root = root;
        this.owners = owners;
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new Memory(CHUNK_BYTES));
        }
        thread = new Thread(this::run, "berth-extract-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * A free chunk to fill, waiting for one if all are in flight.
     *
     * @throws IOException the failure of an earlier creation or write: the extraction must stop
     */
    Memory chunk() throws IOException {
        try {
            while (true) {
                checkFailure();
                Memory chunk = free.poll(50, TimeUnit.MILLISECONDS);
                if (chunk != null) {
                    return chunk;
                }
                checkAlive();
            }
        } catch (InterruptedException e) {
            throw interrupted();
        }
    }

    /**
     * Hands over the next {@code length} bytes of {@code target} from {@code chunk} (taken from
     * {@link #chunk()}). The first piece of a target creates the file (so every file has at least one piece,
     * empty for an empty file); its last piece finishes and closes it.
     *
     * @param finish the file's attributes when this is its last piece, else null
     */
    void submit(Target target, Memory chunk, int length, FileAttributes finish) throws IOException {
        put(new Content(target, chunk, length, finish));
    }

    /**
     * Hands over the creation of the entry at {@code path}, which has no content.
     *
     * @throws IOException the failure of an earlier creation or write: the extraction must stop
     */
    void create(Path path, Creation creation) throws IOException {
        checkFailure();
        put(new Entry(path, creation));
    }

    /**
     * Waits until everything handed over so far is done: the extraction calls it before it looks at a name
     * that this thread may still be creating.
     *
     * @throws IOException the failure of an earlier creation or write: the extraction must stop
     */
    void drain() throws IOException {
        if (!queuedSinceDrain) {
            checkFailure();
            return; // Nothing handed over since the last drain: a look-up after another costs no round trip.
        }
        CountDownLatch drained = new CountDownLatch(1);
        put(new Drain(drained));
        try {
            while (!drained.await(50, TimeUnit.MILLISECONDS)) {
                checkAlive();
            }
        } catch (InterruptedException e) {
            throw interrupted();
        }
        queuedSinceDrain = false;
        checkFailure();
    }

    /**
     * Waits until everything handed over is done.
     *
     * @return the warnings about extended attributes the file system refused
     * @throws IOException the first creation or write that failed
     */
    List<String> finish() throws IOException {
        end();
        checkFailure();
        return warnings;
    }

    /** Stops the thread once it has closed every file it was given; waits for it. */
    @Override
    public void close() {
        end();
    }

    private void put(Work work) throws IOException {
        queuedSinceDrain = true;
        try {
            queue.put(work);
        } catch (InterruptedException e) {
            throw interrupted();
        }
    }

    private void checkFailure() throws IOException {
        IOException failed = failure;
        if (failed != null) {
            throw new IOException(failed.getMessage(), failed);
        }
    }

    private void checkAlive() throws IOException {
        if (!thread.isAlive()) {
            throw new IOException("the thread writing the layer's files has stopped");
        }
    }

    private static InterruptedIOException interrupted() {
        Thread.currentThread().interrupt();
        return new InterruptedIOException("interrupted while extracting the layer");
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        // The thread must still close its files before the layer is thrown away.
        Uninterruptibly.put(queue, new End());
        Uninterruptibly.join(thread);
    }

    private void run() {
        // By identity: a name the archive writes twice is two targets, one after the other.
        Map<Target, NewFile> open = new IdentityHashMap<>();
        while (true) {
            Work work;
            try {
                work = queue.take();
            } catch (InterruptedException e) {
                continue; // Only end() stops this thread: its files must be closed first.
            }
            if (work instanceof End) {
                break;
            } else if (work instanceof Drain drain) {
                drain.drained().countDown();
            } else if (work instanceof Entry entry) {
                if (failure == null) {
                    try {
                        refused(entry.path(), entry.creation().create());
                    } catch (IOException e) {
                        failure = e;
                    } catch (RuntimeException e) {
                        failure = new IOException("cannot create " + entry.path() + ": " + e, e);
                    }
                }
            } else {
                write((Content) work, open);
            }
        }
        // Files whose last piece never came: the extraction stopped half-way.
        open.values().forEach(NewFile::close);
    }

    private void write(Content piece, Map<Target, NewFile> open) {
        NewFile file = open.get(piece.target());
        try {
            if (failure == null) {
                if (file == null) {
                    file = NewFile.create(piece.target().path(), piece.target().permissions());
                    open.put(piece.target(), file);
                }
                file.write(piece.chunk(), piece.length());
                if (piece.finish() != null) {
                    refused(file.path(), file.finish(piece.finish(), owners));
                }
            }
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new IOException("cannot write " + piece.target().path() + ": " + e, e);
        } finally {
            free.add(piece.chunk());
            if (piece.finish() != null && file != null) {
                file.close();
                open.remove(piece.target());
            }
        }
    }

    private void refused(Path path, List<String> names) {
        for (String name : names) {
            warnings.add("the extended attribute " + name + " of " + root.relativize(path)
                    + " was not kept: the file system refused it");
        }
    }
}
