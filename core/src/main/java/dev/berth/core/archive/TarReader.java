package dev.berth.core.archive;

import dev.berth.core.BlockInputStream;
import dev.berth.core.InvalidInputException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads tar archives as Docker, containerd and the OCI layer spec write them: ustar, GNU long names and
 * links, PAX extended headers (global and per entry) with extended attributes kept as raw bytes (a
 * {@code security.capability} value is binary, so it must not go through a character decoding).
 *
 * <p>A truncated stream, a header with a bad checksum or an archive without its end-of-archive block is an
 * error: a layer is taken whole or not at all.
 */
public final class TarReader {

    static final int BLOCK = 512;
    private static final String XATTR = "SCHILY.xattr.";
    private static final int MAX_META = 1 << 20;

    private final InputStream in;
    private final TarSplit.Recorder split;
    private final byte[] header = new byte[BLOCK];
    private final byte[] scratch = new byte[1 << 16];
    private final Map<String, byte[]> globalPax = new HashMap<>();
    private long offset;
    private long remaining;
    private long padding;
    /** Whether the current entry's content goes to the split as raw bytes (all but regular files' content). */
    private boolean rawContent;
    private final InputStream content = new ContentStream();

    public TarReader(InputStream in) {
        this(in, TarSplit.Recorder.NONE);
    }

    /** A reader that hands every byte it consumes, but regular files' content, to {@code split}. */
    public TarReader(InputStream in, TarSplit.Recorder split) {
        this.in = in;
        this.split = split;
    }

    /** The next entry, or empty at the end of the archive; the previous entry's unread content is skipped. */
    public Optional<TarEntry> next() throws IOException, InvalidInputException {
        skipContent();
        Map<String, byte[]> pax = new HashMap<>(globalPax);
        String longName = null;
        String longLink = null;
        while (true) {
            long headerOffset = offset;
            if (!readBlock(header, headerOffset == 0)) {
                if (headerOffset == 0) {
                    throw new InvalidInputException("the archive is empty: expected a tar archive");
                }
                throw new EOFException("the archive ends without its end-of-archive block: it is truncated");
            }
            if (isZero(header)) {
                return Optional.empty();
            }
            verifyChecksum(headerOffset);
            char type = (char) (header[156] == 0 ? '0' : header[156]);
            long size = number(124, 12, "size");
            switch (type) {
                case 'x':
                    pax.putAll(paxRecords(meta(size)));
                    continue;
                case 'g':
                    globalPax.putAll(paxRecords(meta(size)));
                    pax.putAll(globalPax);
                    continue;
                case 'L':
                    longName = cString(meta(size));
                    continue;
                case 'K':
                    longLink = cString(meta(size));
                    continue;
                default:
                    break;
            }
            return Optional.of(entry(type, size, pax, longName, longLink));
        }
    }

    /** The current entry's content; reads end where the entry's content ends. */
    public InputStream content() {
        return content;
    }

    /** Reads what follows the end-of-archive block, so that a digest over the whole stream is complete. */
    public void drain() throws IOException {
        skipContent();
        for (int n = in.read(scratch); n >= 0; n = in.read(scratch)) {
            split.raw(scratch, 0, n);
            offset += n;
        }
    }

    private TarEntry entry(char type, long size, Map<String, byte[]> pax, String longName, String longLink)
            throws IOException, InvalidInputException {
        if (type == 'S' || pax.keySet().stream().anyMatch(k -> k.startsWith("GNU.sparse."))) {
            throw new InvalidInputException("the archive holds a sparse file (\"" + headerName(longName, pax)
                    + "\"), which layers do not use; write the archive without --sparse");
        }
        String name = headerName(longName, pax);
        String link = pax.containsKey("linkpath") ? utf8(pax.get("linkpath"), "linkpath")
                : longLink != null ? longLink : field(157, 100, "link name");
        long entrySize = pax.containsKey("size") ? decimal(pax.get("size"), "size") : size;
        int uid = pax.containsKey("uid") ? (int) decimal(pax.get("uid"), "uid") : (int) number(108, 8, "uid");
        int gid = pax.containsKey("gid") ? (int) decimal(pax.get("gid"), "gid") : (int) number(116, 8, "gid");
        long mtime = pax.containsKey("mtime") ? paxTime(pax.get("mtime"))
                : number(136, 12, "mtime") * 1_000_000_000L;
        Map<String, byte[]> xattrs = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> record : pax.entrySet()) {
            if (record.getKey().startsWith(XATTR)) {
                xattrs.put(record.getKey().substring(XATTR.length()), record.getValue());
            }
        }
        boolean hasData = type == TarEntry.FILE || type == '7' || type == TarEntry.HARD_LINK;
        remaining = entrySize;
        padding = (BLOCK - entrySize % BLOCK) % BLOCK;
        if (!hasData && type != TarEntry.DIRECTORY && entrySize != 0) {
            throw new InvalidInputException("archive entry \"" + name + "\" of type '" + type
                    + "' claims " + entrySize + " bytes of content");
        }
        char normalized = type == '7' ? TarEntry.FILE : type;
        if (name.endsWith("/") && normalized == TarEntry.FILE) {
            normalized = TarEntry.DIRECTORY;
        }
        rawContent = normalized != TarEntry.FILE;
        if (!rawContent && entrySize > 0) {
            split.file(name, entrySize);
        }
        return new TarEntry(stripSlashes(name), normalized, (int) number(100, 8, "mode") & 07777, uid, gid,
                normalized == TarEntry.FILE ? entrySize : 0, mtime, link,
                (int) number(329, 8, "device major"), (int) number(337, 8, "device minor"), xattrs);
    }

    private String headerName(String longName, Map<String, byte[]> pax) throws InvalidInputException {
        if (pax.containsKey("path")) {
            return utf8(pax.get("path"), "path");
        }
        if (longName != null) {
            return longName;
        }
        String name = field(0, 100, "name");
        boolean ustar = header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a'
                && header[261] == 'r' && header[262] == 0;
        if (ustar && header[345] != 0) {
            return field(345, 155, "name prefix") + "/" + name;
        }
        return name;
    }

    private static String stripSlashes(String name) {
        int end = name.length();
        while (end > 1 && name.charAt(end - 1) == '/') {
            end--;
        }
        return name.substring(0, end);
    }

    private void verifyChecksum(long headerOffset) throws InvalidInputException {
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = i >= 148 && i < 156 ? ' ' : header[i];
            unsigned += b & 0xff;
            signed += b;
        }
        long stored;
        try {
            stored = number(148, 8, "checksum");
        } catch (InvalidInputException e) {
            stored = -1;
        }
        if (stored != unsigned && stored != signed) {
            throw new InvalidInputException(headerOffset == 0
                    ? "the input is not a tar archive (no valid tar header at its start)"
                    : "the archive is corrupt: bad header checksum at offset " + headerOffset);
        }
    }

    /** Reads one block; false at a clean end of input. A partial block is a truncation. */
    private boolean readBlock(byte[] block, boolean first) throws IOException, InvalidInputException {
        int n = in.readNBytes(block, 0, BLOCK);
        offset += n;
        split.raw(block, 0, n);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            if (first) {
                throw new InvalidInputException("the input is not a tar archive (" + n + " bytes)");
            }
            throw new EOFException("the archive is truncated at offset " + offset);
        }
        return true;
    }

    private byte[] meta(long size) throws IOException, InvalidInputException {
        if (size > MAX_META) {
            throw new InvalidInputException("the archive has an extended header of " + size
                    + " bytes; refusing more than " + MAX_META);
        }
        byte[] data = in.readNBytes((int) size);
        long pad = (BLOCK - size % BLOCK) % BLOCK;
        byte[] padBytes = in.readNBytes((int) pad);
        long skipped = padBytes.length;
        offset += data.length + skipped;
        split.raw(data, 0, data.length);
        split.raw(padBytes, 0, padBytes.length);
        if (data.length < size || skipped < pad) {
            throw new EOFException("the archive is truncated at offset " + offset);
        }
        return data;
    }

    /** PAX records: {@code "<length> <key>=<value>\n"}, values kept as bytes. */
    private static Map<String, byte[]> paxRecords(byte[] data) throws InvalidInputException {
        Map<String, byte[]> records = new HashMap<>();
        int pos = 0;
        while (pos < data.length) {
            int space = pos;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            int length;
            try {
                length = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("the archive has a malformed PAX header");
            }
            int end = pos + length;
            if (length <= 0 || end > data.length || data[end - 1] != '\n') {
                throw new InvalidInputException("the archive has a malformed PAX header");
            }
            int eq = space + 1;
            while (eq < end && data[eq] != '=') {
                eq++;
            }
            if (eq >= end) {
                throw new InvalidInputException("the archive has a malformed PAX header");
            }
            String key = new String(data, space + 1, eq - space - 1, StandardCharsets.UTF_8);
            byte[] value = java.util.Arrays.copyOfRange(data, eq + 1, end - 1);
            records.put(key, value);
            pos = end;
        }
        return records;
    }

    private static long paxTime(byte[] value) throws InvalidInputException {
        String text = new String(value, StandardCharsets.US_ASCII);
        try {
            java.math.BigDecimal seconds = new java.math.BigDecimal(text);
            return seconds.movePointRight(9).setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidInputException("the archive has a malformed PAX mtime \"" + text + "\"");
        }
    }

    private static long decimal(byte[] value, String what) throws InvalidInputException {
        try {
            return Long.parseLong(new String(value, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("the archive has a malformed PAX " + what);
        }
    }

    /** A numeric header field: octal, or base-256 when its first byte has the high bit set (GNU). */
    private long number(int start, int length, String what) throws InvalidInputException {
        if ((header[start] & 0x80) != 0) {
            long value = header[start] & 0x7f;
            boolean negative = (header[start] & 0x40) != 0;
            for (int i = 1; i < length; i++) {
                value = (value << 8) | (header[start + i] & 0xff);
            }
            if (negative) {
                throw new InvalidInputException("the archive has a negative " + what);
            }
            return value;
        }
        long value = 0;
        int i = start;
        int end = start + length;
        while (i < end && (header[i] == ' ' || header[i] == 0)) {
            i++;
        }
        for (; i < end && header[i] != ' ' && header[i] != 0; i++) {
            int digit = header[i] - '0';
            if (digit < 0 || digit > 7) {
                throw new InvalidInputException("the archive has a malformed " + what + " field");
            }
            value = (value << 3) | digit;
        }
        return value;
    }

    private String field(int start, int length, String what) throws InvalidInputException {
        int end = start;
        while (end < start + length && header[end] != 0) {
            end++;
        }
        return utf8(java.util.Arrays.copyOfRange(header, start, end), what);
    }

    private static String cString(byte[] data) throws InvalidInputException {
        int end = 0;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return utf8(java.util.Arrays.copyOf(data, end), "long name");
    }

    /** Names must be UTF-8: a name that is not could not be created faithfully through Java's file API. */
    private static String utf8(byte[] bytes, String what) throws InvalidInputException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("the archive has a " + what + " that is not valid UTF-8 ("
                    + new String(bytes, StandardCharsets.ISO_8859_1) + "); berth handles UTF-8 names only");
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private void skipContent() throws IOException {
        skip(remaining, rawContent);
        skip(padding, true);
        remaining = 0;
        padding = 0;
    }

    /** Reads and discards; skip() would hide the bytes from whatever digests the stream underneath. */
    private void skip(long count, boolean keep) throws IOException {
        while (count > 0) {
            int n = in.read(scratch, 0, (int) Math.min(scratch.length, count));
            if (n < 0) {
                throw new EOFException("the archive is truncated at offset " + offset);
            }
            if (keep) {
                split.raw(scratch, 0, n);
            }
            count -= n;
            offset += n;
        }
    }

    /** The current entry's content, ending at its size; a premature end of input is a truncation. */
    private final class ContentStream extends BlockInputStream {
        @Override
        protected int readBlock(byte[] buffer, int from, int length) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = in.read(buffer, from, (int) Math.min(length, remaining));
            if (n < 0) {
                throw new EOFException("the archive is truncated at offset " + offset);
            }
            if (rawContent) {
                split.raw(buffer, from, n);
            }
            remaining -= n;
            offset += n;
            return n;
        }
    }
}
