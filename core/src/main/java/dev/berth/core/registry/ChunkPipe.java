package dev.berth.core.registry;

import dev.berth.core.BlockInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded pipe between a thread that writes (the compressor) and one that reads (the HTTP client sending
 * an upload), in chunks: at most {@code capacity} chunks wait, so a slow network holds the writer back
 * instead of filling memory. Unlike {@link java.io.PipedInputStream}, it does not care which thread reads,
 * and either side can break it, which the other sees as an {@link IOException}.
 */
final class ChunkPipe {

    private static final byte[] END = new byte[0];
    private static final int CHUNK = 1 << 16;

    private final BlockingQueue<byte[]> chunks;
    private volatile IOException broken;

    ChunkPipe(int capacity) {
        this.chunks = new ArrayBlockingQueue<>(capacity);
    }

    /** Breaks the pipe: the writer's next write, or the reader's next read, fails with {@code reason}. */
    void breakWith(IOException reason) {
        broken = reason;
    }

    /** The writing end; closing it ends the stream. */
    OutputStream sink() {
        return new OutputStream() {
            private byte[] chunk = new byte[CHUNK];
            private int used;
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                while (length > 0) {
                    int n = Math.min(length, chunk.length - used);
                    System.arraycopy(bytes, offset, chunk, used, n);
                    used += n;
                    offset += n;
                    length -= n;
                    if (used == chunk.length) {
                        flush();
                    }
                }
            }

            @Override
            public void flush() throws IOException {
                if (used > 0) {
                    byte[] full = used == chunk.length ? chunk : java.util.Arrays.copyOf(chunk, used);
                    put(full);
                    chunk = new byte[CHUNK];
                    used = 0;
                }
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    flush();
                    put(END);
                }
            }
        };
    }

    /** The reading end. */
    InputStream source() {
        return new BlockInputStream() {
            private byte[] current = new byte[0];
            private int position;
            private boolean ended;

            @Override
            protected int readBlock(byte[] buffer, int offset, int length) throws IOException {
                while (position == current.length) {
                    if (ended) {
                        return -1;
                    }
                    current = take();
                    position = 0;
                    ended = current == END;
                }
                int n = Math.min(length, current.length - position);
                System.arraycopy(current, position, buffer, offset, n);
                position += n;
                return n;
            }
        };
    }

    private void put(byte[] chunk) throws IOException {
        try {
            while (!chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                checkBroken();
            }
            checkBroken();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing to the upload");
        }
    }

    private byte[] take() throws IOException {
        try {
            while (true) {
                checkBroken();
                byte[] chunk = chunks.poll(100, TimeUnit.MILLISECONDS);
                if (chunk != null) {
                    return chunk;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the upload");
        }
    }

    private void checkBroken() throws IOException {
        IOException reason = broken;
        if (reason != null) {
            throw new IOException(reason.getMessage(), reason);
        }
    }
}
