package dev.berth.cli.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Time zone abbreviations as Go prints them ({@code CET}, {@code EDT}, {@code +04}): Go reads them from the
 * system's tz database, so this does too, from the zone's TZif file. Java's own short names differ for many zones
 * ({@code GST} where tzdata says {@code +04}).
 */
final class ZoneAbbreviations {

    /** Where Go looks for the tz database on Unix. */
    private static final String[] SOURCES = {"/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/", "/usr/lib/locale/TZ/"};

    /** The order of the counts in a TZif header. */
    private static final int IS_UT = 0;
    private static final int IS_STD = 1;
    private static final int LEAP = 2;
    private static final int TIME = 3;
    private static final int TYPE = 4;
    private static final int CHAR = 5;

    private static final Map<String, Optional<Zone>> ZONES = new ConcurrentHashMap<>();

    /** The local time types of one zone: offset, daylight flag and abbreviation, latest transitions last. */
    private static final class Zone {
        final int[] offsets;
        final boolean[] daylight;
        final String[] names;
        final byte[] transitionTypes;

        Zone(int[] offsets, boolean[] daylight, String[] names, byte[] transitionTypes) {
            this.offsets = offsets;
            this.daylight = daylight;
            this.names = names;
            this.transitionTypes = transitionTypes;
        }

        /** The abbreviation of the most recent local time type with this offset and daylight flag. */
        String name(int offset, boolean dst) {
            for (int i = transitionTypes.length - 1; i >= 0; i--) {
                int type = transitionTypes[i] & 0xFF;
                if (type < offsets.length && offsets[type] == offset && daylight[type] == dst) {
                    return names[type];
                }
            }
            for (int type = offsets.length - 1; type >= 0; type--) {
                if (offsets[type] == offset && daylight[type] == dst) {
                    return names[type];
                }
            }
            return null;
        }
    }

    private ZoneAbbreviations() {
    }

    /**
     * The abbreviation Go prints for {@code zone} at a moment with this offset, or Go's numeric form when the tz
     * database has none: {@code +0300} for a fixed offset, as Go's unnamed fixed zones print.
     */
    static String of(ZoneId zone, int offsetSeconds, boolean daylight) {
        if (zone instanceof ZoneOffset) {
            return offsetSeconds == 0 ? "UTC" : numeric(offsetSeconds);
        }
        Optional<Zone> data = ZONES.get(zone.getId());
        if (data == null) {
            data = load(zone.getId());
            ZONES.put(zone.getId(), data);
        }
        String name = data.isPresent() ? data.get().name(offsetSeconds, daylight) : null;
        return name != null ? name : offsetSeconds == 0 ? "UTC" : numeric(offsetSeconds);
    }

    private static String numeric(int offset) {
        StringBuilder out = new StringBuilder(5).append(offset < 0 ? '-' : '+');
        int minutes = Math.abs(offset) / 60;
        append2(out, minutes / 60);
        append2(out, minutes % 60);
        return out.toString();
    }

    private static void append2(StringBuilder out, int value) {
        out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static Optional<Zone> load(String id) {
        if (id.contains("..")) {
            return Optional.empty();
        }
        for (String source : SOURCES) {
            Path file = Paths.get(source.concat(id));
            if (Files.isRegularFile(file)) {
                try {
                    return Optional.ofNullable(parse(ByteBuffer.wrap(Files.readAllBytes(file))));
                } catch (IOException | RuntimeException e) {
                    return Optional.empty(); // an unreadable database: the numeric form is printed instead
                }
            }
        }
        return Optional.empty();
    }

    /** Reads a TZif file (RFC 8536), using its 64-bit part when there is one. */
    private static Zone parse(ByteBuffer in) {
        if (in.remaining() < 44 || in.get(0) != 'T' || in.get(1) != 'Z' || in.get(2) != 'i' || in.get(3) != 'f') {
            return null;
        }
        int version = in.get(4);
        int timeSize = 4;
        int start = 0;
        if (version >= '2') {
            // Skip the 32-bit part: the 64-bit part after it has the same layout with 8-byte times.
            start = 44 + blockSize(counts(in, 0), 4);
            timeSize = 8;
        }
        int[] counts = counts(in, start);
        int timeCount = counts[TIME];
        int typeCount = counts[TYPE];
        int charCount = counts[CHAR];
        for (int count : counts) {
            if (count < 0) {
                return null;
            }
        }
        if (typeCount == 0) {
            return null;
        }
        int at = start + 44 + timeCount * timeSize;
        byte[] transitionTypes = new byte[timeCount];
        in.position(at);
        in.get(transitionTypes);
        at += timeCount;
        int[] offsets = new int[typeCount];
        boolean[] daylight = new boolean[typeCount];
        int[] nameIndex = new int[typeCount];
        for (int i = 0; i < typeCount; i++) {
            offsets[i] = in.getInt(at);
            daylight[i] = in.get(at + 4) != 0;
            nameIndex[i] = in.get(at + 5) & 0xFF;
            at += 6;
        }
        byte[] chars = new byte[charCount];
        in.position(at);
        in.get(chars);
        String[] names = new String[typeCount];
        for (int i = 0; i < typeCount; i++) {
            int end = nameIndex[i];
            while (end < chars.length && chars[end] != 0) {
                end++;
            }
            names[i] = new String(chars, nameIndex[i], end - nameIndex[i], java.nio.charset.StandardCharsets.US_ASCII);
        }
        return new Zone(offsets, daylight, names, transitionTypes);
    }

    /** The six counts of a TZif header at {@code start}. */
    private static int[] counts(ByteBuffer in, int start) {
        int[] counts = new int[6];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = in.getInt(start + 20 + 4 * i);
        }
        return counts;
    }

    private static int blockSize(int[] counts, int timeSize) {
        return counts[TIME] * timeSize + counts[TIME] + counts[TYPE] * 6 + counts[CHAR] + counts[LEAP] * (timeSize + 4)
                + counts[IS_STD] + counts[IS_UT];
    }
}
