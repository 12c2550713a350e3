package dev.berth.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void delaysDoubleUpToTheCapAndRetryAfterWinsUpToItsOwnCap() {
        RetryPolicy policy = RetryPolicy.DEFAULT;
        assertEquals(Duration.ofMillis(500), policy.delay(1, Optional.empty()));
        assertEquals(Duration.ofSeconds(1), policy.delay(2, Optional.empty()));
        assertEquals(Duration.ofSeconds(4), policy.delay(4, Optional.empty()));
        assertEquals(Duration.ofSeconds(8), policy.delay(9, Optional.empty()));
        assertEquals(Duration.ofSeconds(3), policy.delay(1, Optional.of(Duration.ofSeconds(3))));
        assertEquals(Duration.ofSeconds(60), policy.delay(1, Optional.of(Duration.ofHours(1))));
        assertEquals(Duration.ZERO, policy.delay(1, Optional.of(Duration.ofSeconds(-5))));
        assertTrue(policy.allowsAnother(4));
        assertFalse(policy.allowsAnother(5));
    }

    @Test
    void retryAfterInSecondsOrAsADate() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), RegistryHttp.retryAfter(headers("7")));
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
        Duration date = RegistryHttp.retryAfter(headers(inTenSeconds)).orElseThrow();
        assertTrue(date.getSeconds() >= 8 && date.getSeconds() <= 10, date.toString());
        assertEquals(Optional.empty(), RegistryHttp.retryAfter(headers("soon")));
        assertEquals(Optional.empty(), RegistryHttp.retryAfter(HttpHeaders.of(Map.of(), (a, b) -> true)));
    }

    private static HttpHeaders headers(String retryAfter) {
        return HttpHeaders.of(Map.of("Retry-After", List.of(retryAfter)), (a, b) -> true);
    }
}
