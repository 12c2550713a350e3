package dev.berth.cli.format;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Times as Docker prints them: {@code CREATED} columns through go-units' {@code HumanDuration} plus
 * {@code " ago"} ({@code 9 days ago}), and {@code CreatedAt} as Go's {@code Time.String()}
 * ({@code 2024-01-05 10:11:12 +0000 UTC}).
 */
public final class Times {

    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;

    // String.concat rather than "+": these run for every row at start-up, where the first "+" of a kind
    // costs an invokedynamic bootstrap.

    private Times() {
    }

    /**
     * go-units {@code HumanDuration}: {@code Less than a second}, {@code 1 second}, {@code N seconds},
     * {@code About a minute}, {@code N minutes}, {@code About an hour}, {@code N hours} (under 48),
     * {@code N days} (under two weeks), {@code N weeks} (under 60 days), {@code N months} (under two years),
     * {@code N years}. Hours are rounded; the rest is truncated, as go-units does.
     */
    public static String humanDuration(Duration duration) {
        long nanos = saturatedNanos(duration);
        long seconds = nanos / SECOND;
        if (seconds < 1) {
            return "Less than a second";
        }
        if (seconds == 1) {
            return "1 second";
        }
        if (seconds < 60) {
            return Long.toString(seconds).concat(" seconds");
        }
        long minutes = nanos / MINUTE;
        if (minutes == 1) {
            return "About a minute";
        }
        if (minutes < 60) {
            return Long.toString(minutes).concat(" minutes");
        }
        long hours = (long) ((double) nanos / HOUR + 0.5);
        if (hours == 1) {
            return "About an hour";
        }
        if (hours < 48) {
            return Long.toString(hours).concat(" hours");
        }
        if (hours < 24 * 7 * 2) {
            return Long.toString(hours / 24).concat(" days");
        }
        if (hours < 24 * 30 * 2) {
            return Long.toString(hours / 24 / 7).concat(" weeks");
        }
        if (hours < 24 * 365 * 2) {
            return Long.toString(hours / 24 / 30).concat(" months");
        }
        return Long.toString(nanos / HOUR / 24 / 365).concat(" years");
    }

    /** A past moment as a {@code CREATED} column shows it: {@code 9 days ago}. */
    public static String ago(Instant then, Instant now) {
        return humanDuration(Duration.between(then, now)).concat(" ago");
    }

    /** Docker's {@code CreatedAt}: Go's {@code Time.String()} in the local time zone. */
    public static String createdAt(Instant created) {
        return goTime(created, ZoneId.systemDefault());
    }

    /**
     * Go's {@code Time.String()} of a moment in {@code zone}, as Docker's {@code CreatedAt} fields print it:
     * {@code 2006-01-02 15:04:05.999999999 -0700 MST}, the fraction only when there is one, and the zone's
     * abbreviation from the system's tz database as Go reads it.
     */
    public static String goTime(Instant instant, ZoneId zone) {
        ZonedDateTime time = instant.atZone(zone);
        StringBuilder out = new StringBuilder(40);
        int year = time.getYear();
        if (year < 0) {
            out.append('-');
        }
        pad(out, Math.abs(year), 4).append('-');
        pad(out, time.getMonthValue(), 2).append('-');
        pad(out, time.getDayOfMonth(), 2).append(' ');
        pad(out, time.getHour(), 2).append(':');
        pad(out, time.getMinute(), 2).append(':');
        pad(out, time.getSecond(), 2);
        int nanos = time.getNano();
        if (nanos != 0) {
            StringBuilder fraction = new StringBuilder();
            pad(fraction, nanos, 9);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            out.append('.').append(fraction, 0, end);
        }
        int offset = time.getOffset().getTotalSeconds();
        out.append(' ').append(offset < 0 ? '-' : '+');
        int absolute = Math.abs(offset);
        pad(out, absolute / 3600, 2);
        pad(out, absolute / 60 % 60, 2);
        return out.append(' ').append(abbreviation(time)).toString();
    }

    private static String abbreviation(ZonedDateTime time) {
        ZoneId zone = time.getZone();
        boolean daylight = zone.getRules().isDaylightSavings(time.toInstant());
        return ZoneAbbreviations.of(zone, time.getOffset().getTotalSeconds(), daylight);
    }

    private static StringBuilder pad(StringBuilder out, long value, int digits) {
        String text = Long.toString(value);
        for (int i = text.length(); i < digits; i++) {
            out.append('0');
        }
        return out.append(text);
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            // Go's Duration saturates at about 292 years.
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
