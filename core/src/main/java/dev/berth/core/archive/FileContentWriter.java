package dev.berth.core.archive;

import com.sun.jna.Memory;
import dev.berth.core.host.FileAttributes;
import dev.berth.core.host.NewFile;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes the content and attributes of the regular files a layer extraction creates, on a thread of its own,
 * while the extraction goes on parsing the archive and creating the next entries: the kernel's work of
 * writing file data then runs on the second core instead of after each file.
 *
 * <p>The extraction keeps every decision, and every operation on names (creating, linking, removing), in
 * archive order on its own thread; this thread only writes to files the extraction has created and handed
 * over ({@link NewFile}: a descriptor, no path), so what it does cannot land anywhere else. Work is handed
 * over in chunks from a fixed pool, so the memory and the open descriptors in flight stay bounded; each file
 * takes at least one chunk.
 */
final class FileContentWriter implements AutoCloseable {

    static final int CHUNK_BYTES = 1 << 16;
    /** 4 MB in flight: many small files, or a stretch of a large one, ahead of the writes. */
    private static final int CHUNKS = 64;

    /** A piece of a file's content; the last piece carries the attributes that finish the file. */
    private record Piece(NewFile file, Memory chunk, int length, FileAttributes finish) {
    }

    private static final Piece END = new Piece(null, null, 0, null);

    private final BlockingQueue<Memory> free = new ArrayBlockingQueue<>(CHUNKS);
    private final BlockingQueue<Piece> pieces = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final Path root;
    private final boolean owners;
    private final Thread thread;
    private final List<String> warnings = new ArrayList<>();
    private volatile IOException failure;
    private boolean ended;

    /**
     * @param root   the layer's directory, to name files in warnings
     * @param owners whether files get their owners (only root may set them)
     */
    FileContentWriter(Path root, boolean owners) {
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
     * @throws IOException the failure of an earlier write: the extraction must stop
     */
    Memory chunk() throws IOException {
        try {
            while (true) {
                IOException failed = failure;
                if (failed != null) {
                    throw new IOException(failed.getMessage(), failed);
                }
                Memory chunk = free.poll(50, TimeUnit.MILLISECONDS);
                if (chunk != null) {
                    return chunk;
                }
                if (!thread.isAlive()) {
                    throw new IOException("the thread writing the layer's files has stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while extracting the layer");
        }
    }

    /**
     * Hands over the next {@code length} bytes of {@code file} from {@code chunk} (taken from {@link #chunk()}).
     * From the first piece on, the file is this writer's to close.
     *
     * @param finish the file's attributes when this is its last piece, else null
     */
    void submit(NewFile file, Memory chunk, int length, FileAttributes finish) throws IOException {
        try {
            pieces.put(new Piece(file, chunk, length, finish));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while extracting the layer");
        }
    }

    /**
     * Waits until every file handed over is written and finished.
     *
     * @return the warnings about extended attributes the file system refused
     * @throws IOException the first write that failed
     */
    List<String> finish() throws IOException {
        end();
        if (failure != null) {
            throw new IOException(failure.getMessage(), failure);
        }
        return warnings;
    }

    /** Stops the thread once it has closed every file it was given; waits for it. */
    @Override
    public void close() {
        end();
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        boolean interrupted = false;
        while (true) {
            try {
                pieces.put(END);
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // The thread must still close its files before the layer is thrown away.
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Set<NewFile> open = new HashSet<>();
        while (true) {
            Piece piece;
            try {
                piece = pieces.take();
            } catch (InterruptedException e) {
                continue; // Only end() stops this thread: its files must be closed first.
            }
            if (piece == END) {
                break;
            }
            open.add(piece.file());
            try {
                if (failure == null) {
                    piece.file().write(piece.chunk(), piece.length());
                    if (piece.finish() != null) {
                        for (String refused : piece.file().finish(piece.finish(), owners)) {
                            warnings.add("the extended attribute " + refused + " of "
                                    + root.relativize(piece.file().path()) + " was not kept: the file system refused it");
                        }
                    }
                }
            } catch (IOException e) {
                failure = e;
            } catch (RuntimeException e) {
                failure = new IOException("cannot write " + piece.file().path() + ": " + e, e);
            } finally {
                free.add(piece.chunk());
                if (piece.finish() != null) {
                    piece.file().close();
                    open.remove(piece.file());
                }
            }
        }
        // Files whose last piece never came: the extraction stopped half-way.
        open.forEach(NewFile::close);
    }
}
