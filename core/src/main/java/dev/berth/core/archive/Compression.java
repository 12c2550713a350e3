package dev.berth.core.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * How a layer stream is compressed, told by its first bytes the way Docker and containerd tell it (the
 * media type is not trusted: {@code docker save} archives carry no media types at all).
 */
public enum Compression {
    NONE, GZIP, ZSTD;

    private static final int BUFFER = 1 << 17;

    /** Detects the compression from the stream's first bytes. */
    public static Compression detect(byte[] head, int length) {
        if (length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
                && (head[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        return NONE;
    }

    /** Sniffs {@code in} and returns its uncompressed content; closing the result closes {@code in}. */
    public static InputStream decompressed(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
        buffered.mark(4);
        byte[] head = buffered.readNBytes(4);
        buffered.reset();
        switch (detect(head, head.length)) {
            case GZIP:
                return new GZIPInputStream(buffered, BUFFER);
            case ZSTD:
                return new ZstdCompressorInputStream(buffered);
            default:
                return buffered;
        }
    }
}
