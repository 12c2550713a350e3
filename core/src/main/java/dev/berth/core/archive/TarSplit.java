package dev.berth.core.archive;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The bytes of a layer's tar stream that are not file content, kept so that the exact stream can be rebuilt
 * later from the extracted files, as Docker's tar-split does. {@code berth save} and {@code push} need the
 * original bytes: a layer's diff ID is the sha256 of its tar, and an image's ID covers the diff IDs, so a
 * re-made tar with other headers or padding would change both.
 *
 * <p>The format is a sequence of records: raw bytes ({@code 'R'}, length, bytes), a reference to a regular
 * file's content ({@code 'F'}, entry name, size), and an end marker ({@code 'E'}).
 */
public final class TarSplit {

    private static final byte RAW = 'R';
    private static final byte FILE = 'F';
    private static final byte END = 'E';
    private static final int MAGIC = 0x42535031; // "BSP1"

    private TarSplit() {
    }

    /** Where the content of a file the split refers to comes from. */
    @FunctionalInterface
    public interface FileSource {
        /** The content of entry {@code name}, which must be {@code size} bytes long. */
        InputStream open(String name, long size) throws IOException;
    }

    /** Receives a tar stream's bytes as a reader consumes them. */
    public interface Recorder {

        /** A recorder that keeps nothing, for reads that need no split. */
        Recorder NONE = new Recorder() {
            @Override
            public void raw(byte[] bytes, int offset, int length) {
            }

            @Override
            public void file(String name, long size) {
            }
        };

        /** Bytes to keep as they are: headers, padding, what follows the end of the archive. */
        void raw(byte[] bytes, int offset, int length) throws IOException;

        /** The next {@code size} bytes are the content of regular file {@code name}; they are not kept. */
        void file(String name, long size) throws IOException;
    }

    /** Writes a split to {@code out}; {@link Writer#finish()} ends it (and does not close {@code out}). */
    public static Writer writer(OutputStream out) throws IOException {
        return new Writer(out);
    }

    /** Records a split into a stream. */
    public static final class Writer implements Recorder {
        private final DataOutputStream out;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        private Writer(OutputStream out) throws IOException {
            this.out = new DataOutputStream(out);
            this.out.writeInt(MAGIC);
        }

        @Override
        public void raw(byte[] bytes, int offset, int length) {
            pending.write(bytes, offset, length);
        }

        @Override
        public void file(String name, long size) throws IOException {
            flushRaw();
            out.writeByte(FILE);
            out.writeUTF(name);
            out.writeLong(size);
        }

        public void finish() throws IOException {
            flushRaw();
            out.writeByte(END);
            out.flush();
        }

        private void flushRaw() throws IOException {
            if (pending.size() > 0) {
                out.writeByte(RAW);
                out.writeInt(pending.size());
                pending.writeTo(out);
                pending.reset();
            }
        }
    }

    /** The size of the original tar stream a split rebuilds, without reading the files. */
    public static long size(InputStream split) throws IOException {
        DataInputStream in = new DataInputStream(split);
        if (in.readInt() != MAGIC) {
            throw new IOException("not a tar split (bad magic number)");
        }
        long total = 0;
        while (true) {
            byte tag = in.readByte();
            if (tag == END) {
                return total;
            }
            if (tag == RAW) {
                int length = in.readInt();
                in.skipNBytes(length);
                total += length;
            } else if (tag == FILE) {
                in.readUTF();
                total += in.readLong();
            } else {
                throw new IOException("corrupt tar split (record type " + tag + ")");
            }
        }
    }

    /** Rebuilds the original tar stream from a split and the files it refers to. */
    public static void assemble(InputStream split, FileSource files, OutputStream out) throws IOException {
        DataInputStream in = new DataInputStream(split);
        if (in.readInt() != MAGIC) {
            throw new IOException("not a tar split (bad magic number)");
        }
        byte[] buffer = new byte[1 << 16];
        while (true) {
            byte tag = in.readByte();
            if (tag == END) {
                return;
            }
            if (tag == RAW) {
                int length = in.readInt();
                for (int left = length; left > 0; ) {
                    int n = in.read(buffer, 0, Math.min(buffer.length, left));
                    if (n < 0) {
                        throw new EOFException("the tar split is truncated");
                    }
                    out.write(buffer, 0, n);
                    left -= n;
                }
            } else if (tag == FILE) {
                String name = in.readUTF();
                long size = in.readLong();
                try (InputStream content = files.open(name, size)) {
                    long copied = 0;
                    for (int n = content.read(buffer); n >= 0 && copied < size; n = content.read(buffer)) {
                        int keep = (int) Math.min(n, size - copied);
                        out.write(buffer, 0, keep);
                        copied += keep;
                    }
                    if (copied != size) {
                        throw new IOException("the layer's file \"" + name + "\" has " + copied
                                + " bytes where its archive had " + size + ": the layer was changed on disk");
                    }
                }
            } else {
                throw new IOException("corrupt tar split (record type " + tag + ")");
            }
        }
    }
}
