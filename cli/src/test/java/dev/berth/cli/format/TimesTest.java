package dev.berth.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Durations are go-units' own test cases (duration_test.go); times follow Go's {@code Time.String()}. */
class TimesTest {

    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration WEEK = DAY.multipliedBy(7);
    private static final Duration MONTH = DAY.multipliedBy(30);
    private static final Duration YEAR = DAY.multipliedBy(365);

    private static String human(Duration d) {
        return Times.humanDuration(d);
    }

    @Test
    void humanDurationLikeGoUnits() {
        assertEquals("Less than a second", human(Duration.ofMillis(450)));
        assertEquals("1 second", human(Duration.ofSeconds(1)));
        assertEquals("45 seconds", human(Duration.ofSeconds(45)));
        assertEquals("46 seconds", human(Duration.ofSeconds(46)));
        assertEquals("59 seconds", human(Duration.ofSeconds(59)));
        assertEquals("About a minute", human(Duration.ofSeconds(60)));
        assertEquals("About a minute", human(Duration.ofMinutes(1)));
        assertEquals("3 minutes", human(Duration.ofMinutes(3)));
        assertEquals("35 minutes", human(Duration.ofMinutes(35)));
        assertEquals("35 minutes", human(Duration.ofMinutes(35).plusSeconds(40)));
        assertEquals("45 minutes", human(Duration.ofMinutes(45)));
        assertEquals("45 minutes", human(Duration.ofMinutes(45).plusSeconds(40)));
        assertEquals("46 minutes", human(Duration.ofMinutes(46)));
        assertEquals("59 minutes", human(Duration.ofMinutes(59)));
        assertEquals("About an hour", human(Duration.ofHours(1)));
        assertEquals("About an hour", human(Duration.ofHours(1).plusMinutes(29)));
        assertEquals("2 hours", human(Duration.ofHours(1).plusMinutes(31)));
        assertEquals("2 hours", human(Duration.ofHours(1).plusMinutes(59)));
        assertEquals("3 hours", human(Duration.ofHours(3)));
        assertEquals("3 hours", human(Duration.ofHours(3).plusMinutes(29)));
        assertEquals("4 hours", human(Duration.ofHours(3).plusMinutes(31)));
        assertEquals("4 hours", human(Duration.ofHours(3).plusMinutes(59)));
        assertEquals("4 hours", human(Duration.ofHours(3).plusMinutes(60)));
        assertEquals("24 hours", human(Duration.ofHours(24)));
        assertEquals("36 hours", human(DAY.plusHours(12)));
        assertEquals("2 days", human(DAY.multipliedBy(2)));
        assertEquals("7 days", human(DAY.multipliedBy(7)));
        assertEquals("13 days", human(DAY.multipliedBy(13).plusHours(5)));
        assertEquals("2 weeks", human(WEEK.multipliedBy(2)));
        assertEquals("2 weeks", human(WEEK.multipliedBy(2).plus(DAY.multipliedBy(4))));
        assertEquals("3 weeks", human(WEEK.multipliedBy(3)));
        assertEquals("4 weeks", human(WEEK.multipliedBy(4)));
        assertEquals("4 weeks", human(WEEK.multipliedBy(4).plus(DAY.multipliedBy(3))));
        assertEquals("4 weeks", human(MONTH));
        assertEquals("6 weeks", human(MONTH.plus(WEEK.multipliedBy(2))));
        assertEquals("2 months", human(MONTH.multipliedBy(2)));
        assertEquals("2 months", human(MONTH.multipliedBy(2).plus(WEEK.multipliedBy(2))));
        assertEquals("3 months", human(MONTH.multipliedBy(3)));
        assertEquals("3 months", human(MONTH.multipliedBy(3).plus(WEEK)));
        assertEquals("5 months", human(MONTH.multipliedBy(5).plus(WEEK.multipliedBy(2))));
        assertEquals("13 months", human(MONTH.multipliedBy(13)));
        assertEquals("23 months", human(MONTH.multipliedBy(23)));
        assertEquals("24 months", human(MONTH.multipliedBy(24)));
        assertEquals("2 years", human(MONTH.multipliedBy(24).plus(WEEK.multipliedBy(2))));
        assertEquals("3 years", human(YEAR.multipliedBy(3).plus(MONTH.multipliedBy(2))));
    }

    @Test
    void aClockAheadOfNowIsLessThanASecondAgo() {
        Instant now = Instant.parse("2026-11-28T12:00:00Z");
        assertEquals("Less than a second ago", Times.ago(now.plusSeconds(30), now));
        assertEquals("9 days ago", Times.ago(now.minus(DAY.multipliedBy(9)), now));
        assertEquals("Less than a second", human(Duration.ofDays(-400_000)));
        assertEquals("292 years", human(Duration.ofDays(400_000)));
    }

    /** Go reads abbreviations from the tz database; these are what go1.19 printed on this machine's tzdata. */
    @Test
    void zoneAbbreviationsComeFromTheTzDatabaseAsInGo() {
        assumeTrue(Files.isRegularFile(Paths.get("/usr/share/zoneinfo/Asia/Dubai")), "no tz database");
        Instant winter = Instant.ofEpochSecond(1_704_449_472L);
        Instant summer = winter.plus(Duration.ofDays(182));
        assertEquals("2024-01-05 14:11:12 +0400 +04", Times.goTime(winter, ZoneId.of("Asia/Dubai")));
        assertEquals("2024-01-05 15:56:12 +0545 +0545", Times.goTime(winter, ZoneId.of("Asia/Kathmandu")));
        assertEquals("2024-01-05 11:11:12 +0100 CET", Times.goTime(winter, ZoneId.of("Europe/Paris")));
        assertEquals("2024-07-05 12:11:12 +0200 CEST", Times.goTime(summer, ZoneId.of("Europe/Paris")));
        assertEquals("2024-01-05 07:11:12 -0300 -03", Times.goTime(winter, ZoneId.of("America/Sao_Paulo")));
        assertEquals("2024-01-05 21:11:12 +1100 AEDT", Times.goTime(winter, ZoneId.of("Australia/Sydney")));
        assertEquals("2024-07-05 20:11:12 +1000 AEST", Times.goTime(summer, ZoneId.of("Australia/Sydney")));
        assertEquals("2024-07-05 11:11:12 +0100 BST", Times.goTime(summer, ZoneId.of("Europe/London")));
        assertEquals("2024-01-05 10:11:12 +0000 GMT", Times.goTime(winter, ZoneId.of("Europe/London")));
        assertEquals("2024-01-05 18:11:12 +0800 +08", Times.goTime(winter, ZoneId.of("Asia/Singapore")));
        assertEquals("2024-01-05 18:11:12 +0800 CST", Times.goTime(winter, ZoneId.of("Asia/Shanghai")));
        assertEquals("2024-07-05 22:11:12 +1200 NZST", Times.goTime(summer, ZoneId.of("Pacific/Auckland")));
    }

    @Test
    void createdAtIsGoTimeString() {
        Instant created = Instant.ofEpochSecond(1_704_449_472L);
        assertEquals("2024-01-05 10:11:12 +0000 UTC", Times.goTime(created, ZoneOffset.UTC));
        assertEquals("2024-01-05 10:11:12 +0000 UTC", Times.goTime(created, ZoneId.of("Etc/UTC")));
        assertEquals("2024-01-05 05:11:12 -0500 EST", Times.goTime(created, ZoneId.of("America/New_York")));
        assertEquals("2024-07-05 06:11:12 -0400 EDT",
                Times.goTime(created.plus(Duration.ofDays(182)), ZoneId.of("America/New_York")));
        assertEquals("2024-01-05 15:41:12 +0530 +0530", Times.goTime(created, ZoneOffset.ofHoursMinutes(5, 30)));
        assertEquals("2024-01-05 13:11:12 +0300 +0300", Times.goTime(created, ZoneOffset.ofHours(3)));
        assertEquals("2024-01-05 10:11:12.5 +0000 UTC", Times.goTime(created.plusMillis(500), ZoneOffset.UTC));
        assertEquals("2024-01-05 10:11:12.000000001 +0000 UTC", Times.goTime(created.plusNanos(1), ZoneOffset.UTC));
        assertEquals(Times.goTime(created, ZoneId.systemDefault()), Times.createdAt(created));
    }
}
