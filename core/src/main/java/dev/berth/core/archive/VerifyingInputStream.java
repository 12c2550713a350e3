package dev.berth.core.archive;

import dev.berth.core.model.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Passes a blob through while computing its digest, and fails the read that reaches its end when the
 * content does not match the expected digest or size. Whoever consumes the stream to its end (a layer
 * being applied) therefore fails before it commits anything.
 */
public final class VerifyingInputStream extends FilterInputStream {

    private final Digest expected;
    private final long expectedSize;
    private final String what;
    private final MessageDigest sha256 = Digest.sha256();
    private long count;
    private boolean checked;

    /**
     * @param expectedSize the size the blob must have, or -1 when unknown
     * @param what         how to name the blob in an error
     */
    public VerifyingInputStream(InputStream in, Digest expected, long expectedSize, String what) {
        super(in);
        this.expected = expected;
        this.expectedSize = expectedSize;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            check();
        } else {
            sha256.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n < 0) {
            check();
        } else {
            sha256.update(buffer, offset, n);
            count += n;
            if (expectedSize >= 0 && count > expectedSize) {
                throw new DigestMismatchException(what + " is larger than the " + expectedSize
                        + " bytes its descriptor gives: the archive is damaged");
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(n, 1 << 16)];
        int read = read(buffer, 0, buffer.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check() throws IOException {
        if (checked) {
            return;
        }
        checked = true;
        if (expectedSize >= 0 && count != expectedSize) {
            throw new DigestMismatchException(what + " has " + count + " bytes where its descriptor gives "
                    + expectedSize + ": the archive is damaged");
        }
        Digest actual = Digest.of(sha256);
        if (!actual.equals(expected)) {
            throw new DigestMismatchException(what + " does not match its digest: expected " + expected + ", got "
                    + actual + "; the archive is damaged");
        }
    }

    /** Content that does not match its digest or size. */
    public static final class DigestMismatchException extends IOException {
        private static final long serialVersionUID = 1L;

        DigestMismatchException(String message) {
            super(message);
        }
    }
}
