package dev.berth.core.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Times as Docker writes them in JSON: RFC 3339 with nanoseconds, trailing zeros dropped (Go's RFC3339Nano). */
public final class Timestamps {

    /** The zero time Docker shows for "never" ({@code 0001-01-01T00:00:00Z}). */
    public static final String ZERO = "0001-01-01T00:00:00Z";

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String format(Instant instant) {
        StringBuilder text = new StringBuilder(SECONDS.format(instant));
        int nanos = instant.getNano();
        if (nanos != 0) {
            String fraction = String.format("%09d", nanos);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(fraction, 0, end);
        }
        return text.append('Z').toString();
    }

    /** Docker's JSON for an optional time: the time, or the zero time. */
    public static String formatOrZero(Optional<Instant> instant) {
        return instant.map(Timestamps::format).orElse(ZERO);
    }

    /** Parses an RFC 3339 time; the zero time and unparseable text are empty. */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.isEmpty() || text.startsWith("0001-01-01")) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
