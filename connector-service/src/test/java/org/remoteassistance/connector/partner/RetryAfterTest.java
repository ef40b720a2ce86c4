package org.remoteassistance.connector.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/**
 * {@code Retry-After} comes as seconds or as an HTTP date; the backoff between attempts (that the wait is never shorter
 * than the partner's {@code Retry-After} is shown by {@link PartnerResilienceTest}).
 */
class RetryAfterTest {

    @Test
    void readsSecondsAndHttpDates() {
        assertEquals(Duration.ofSeconds(7), TeamViewerErrors.retryAfter("7"));
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
        Duration wait = TeamViewerErrors.retryAfter(inTenSeconds);
        assertTrue(wait.compareTo(Duration.ofSeconds(8)) > 0 && wait.compareTo(Duration.ofSeconds(11)) < 0, "" + wait);
        assertNull(TeamViewerErrors.retryAfter("soon"));
    }

    @Test
    void theBackoffGrowsExponentiallyWithEqualJitterUpToItsCap() {
        assertEquals(50, RetryAfterBackoff.delay(1, 100, 1000, 0.0), "first retry: half of 100 ms at least");
        assertEquals(100, RetryAfterBackoff.delay(1, 100, 1000, 0.9999), "and all of it at most");
        assertEquals(100, RetryAfterBackoff.delay(2, 100, 1000, 0.0), "second retry: half to all of 200 ms");
        assertEquals(200, RetryAfterBackoff.delay(2, 100, 1000, 0.9999));
        assertEquals(500, RetryAfterBackoff.delay(10, 100, 1000, 0.0), "capped at max-backoff");
        assertEquals(1000, RetryAfterBackoff.delay(60, 100, 1000, 0.9999), "no overflow however many retries");
    }
}
