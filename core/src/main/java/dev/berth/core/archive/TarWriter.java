package dev.berth.core.archive;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes tar archives the way Docker writes layers: ustar headers, PAX extended headers where ustar cannot
 * hold a value (long or non-ASCII names, big sizes and ids, extended attributes as {@code SCHILY.xattr.*}
 * with raw byte values), mtimes in whole seconds, and two zero blocks at the end.
 */
public final class TarWriter implements Closeable {

    private static final int BLOCK = TarReader.BLOCK;
    private static final long MAX_OCTAL_8 = 07777777L;
    private static final long MAX_OCTAL_12 = 077777777777L;

    private final OutputStream out;
    private final byte[] zeros = new byte[BLOCK];
    private boolean finished;

    /** Writes to {@code out} through a buffer of its own, which {@link #finish} flushes. */
    public TarWriter(OutputStream out) {
        // Headers and padding are 512-byte writes: unbuffered, an archive of small files is mostly system calls.
        this.out = new BufferedOutputStream(out, 1 << 16);
    }

    /** Writes an entry; a regular file's {@code size} bytes are read from {@code content}. */
    public void write(TarEntry entry, InputStream content) throws IOException {
        String name = entry.isDirectory() && !entry.name().endsWith("/") ? entry.name() + "/" : entry.name();
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] linkBytes = entry.linkName().getBytes(StandardCharsets.UTF_8);
        long seconds = Math.floorDiv(entry.mtime(), 1_000_000_000L);

        ByteArrayOutputStream pax = new ByteArrayOutputStream();
        if (nameBytes.length > 100 || !isAscii(nameBytes)) {
            record(pax, "path", nameBytes);
        }
        if (linkBytes.length > 100 || !isAscii(linkBytes)) {
            record(pax, "linkpath", linkBytes);
        }
        if (entry.size() > MAX_OCTAL_12) {
            record(pax, "size", Long.toString(entry.size()).getBytes(StandardCharsets.US_ASCII));
        }
        if ((entry.uid() & 0xffffffffL) > MAX_OCTAL_8) {
            record(pax, "uid", Long.toString(entry.uid() & 0xffffffffL).getBytes(StandardCharsets.US_ASCII));
        }
        if ((entry.gid() & 0xffffffffL) > MAX_OCTAL_8) {
            record(pax, "gid", Long.toString(entry.gid() & 0xffffffffL).getBytes(StandardCharsets.US_ASCII));
        }
        if (seconds < 0 || seconds > MAX_OCTAL_12) {
            record(pax, "mtime", Long.toString(seconds).getBytes(StandardCharsets.US_ASCII));
        }
        for (Map.Entry<String, byte[]> xattr : entry.xattrs().entrySet()) {
            record(pax, "SCHILY.xattr." + xattr.getKey(), xattr.getValue());
        }
        if (pax.size() > 0) {
            byte[] records = pax.toByteArray();
            byte[] header = header(truncate(("PaxHeaders/" + name).getBytes(StandardCharsets.UTF_8)), 'x', 0644,
                    0, 0, records.length, 0, new byte[0], 0, 0);
            out.write(header);
            out.write(records);
            pad(records.length);
        }
        out.write(header(truncate(nameBytes), entry.type(), entry.mode(), clamp(entry.uid()), clamp(entry.gid()),
                Math.min(entry.size(), MAX_OCTAL_12), Math.max(0, Math.min(seconds, MAX_OCTAL_12)),
                truncate(linkBytes), entry.devMajor(), entry.devMinor()));
        if (entry.size() > 0) {
            long copied = copy(content, entry.size());
            if (copied < entry.size()) {
                throw new EOFException("\"" + entry.name() + "\" shrank while it was archived");
            }
            pad(entry.size());
        }
    }

    /** Writes the end-of-archive blocks. */
    public void finish() throws IOException {
        if (!finished) {
            out.write(zeros);
            out.write(zeros);
            finished = true;
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        finish();
        out.close();
    }

    private long copy(InputStream content, long size) throws IOException {
        byte[] buffer = new byte[(int) Math.min(1 << 16, size)];
        long copied = 0;
        while (copied < size) {
            int n = content.read(buffer, 0, (int) Math.min(buffer.length, size - copied));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            copied += n;
        }
        return copied;
    }

    private void pad(long size) throws IOException {
        int padding = (int) ((BLOCK - size % BLOCK) % BLOCK);
        out.write(zeros, 0, padding);
    }

    private static byte[] header(byte[] name, char type, int mode, long uid, long gid, long size, long mtime,
                                 byte[] link, int major, int minor) {
        byte[] h = new byte[BLOCK];
        System.arraycopy(name, 0, h, 0, name.length);
        octal(h, 100, 8, mode & 07777);
        octal(h, 108, 8, uid);
        octal(h, 116, 8, gid);
        octal(h, 124, 12, size);
        octal(h, 136, 12, mtime);
        h[156] = (byte) type;
        System.arraycopy(link, 0, h, 157, link.length);
        System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 8);
        octal(h, 329, 8, Math.max(0, major));
        octal(h, 337, 8, Math.max(0, minor));
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        h[155] = ' ';
        return h;
    }

    /** Writes {@code value} as zero-padded octal digits followed by a NUL, filling {@code length} bytes. */
    private static void octal(byte[] h, int start, int length, long value) {
        String digits = Long.toOctalString(value);
        int width = length - 1;
        for (int i = 0; i < width; i++) {
            int d = i - (width - digits.length());
            h[start + i] = (byte) (d < 0 ? '0' : digits.charAt(d));
        }
        h[start + width] = 0;
    }

    private static long clamp(int id) {
        return Math.min(id & 0xffffffffL, MAX_OCTAL_8);
    }

    private static byte[] truncate(byte[] bytes) {
        return bytes.length <= 100 ? bytes : java.util.Arrays.copyOf(bytes, 100);
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** A PAX record: its length counts the digits of the length itself. */
    private static void record(ByteArrayOutputStream pax, String key, byte[] value) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        int body = 1 + keyBytes.length + 1 + value.length + 1;
        int length = body + Integer.toString(body).length();
        if (Integer.toString(length).length() != Integer.toString(body).length()) {
            length++;
        }
        pax.writeBytes(Integer.toString(length).getBytes(StandardCharsets.US_ASCII));
        pax.write(' ');
        pax.writeBytes(keyBytes);
        pax.write('=');
        pax.writeBytes(value);
        pax.write('\n');
    }
}
