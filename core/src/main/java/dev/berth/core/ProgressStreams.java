package dev.berth.core;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Streams that report the bytes passing through them to a progress task. */
public final class ProgressStreams {

    private ProgressStreams() {
    }

    /** {@code in}, reporting each byte read to {@code task}. */
    public static InputStream reading(InputStream in, Progress.Task task) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    task.advance(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = in.read(buffer, offset, length);
                if (n > 0) {
                    task.advance(n);
                }
                return n;
            }
        };
    }

    /** {@code out}, reporting each byte written to {@code task}; closing it closes {@code out}. */
    public static OutputStream writing(OutputStream out, Progress.Task task) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                task.advance(1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
                task.advance(length);
            }
        };
    }
}
