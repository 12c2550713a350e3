package dev.berth.core;

import java.io.IOException;
import java.io.InputStream;

/** An input stream that reads in blocks: single bytes and empty reads are served by {@link #readBlock}. */
public abstract class BlockInputStream extends InputStream {

    /** Reads at least one byte into {@code buffer} ({@code length} is never 0), or returns -1 at the end. */
    protected abstract int readBlock(byte[] buffer, int offset, int length) throws IOException;

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        return readBlock(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public final int read(byte[] buffer, int offset, int length) throws IOException {
        return length == 0 ? 0 : readBlock(buffer, offset, length);
    }
}
