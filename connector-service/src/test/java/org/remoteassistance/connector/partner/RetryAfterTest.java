package org.remoteassistance.connector.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** {@code Retry-After} comes as seconds or as an HTTP date; the wait never ignores it. */
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
    void theWaitIsAtLeastWhatThePartnerAskedAndNeverBeyondTheBudget() {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30));
        PartnerUnavailableException asksTwoSeconds = new PartnerUnavailableException("429", Duration.ofSeconds(2),
                true, null);

        assertEquals(Duration.ofSeconds(2), policy.delayAfter(1, asksTwoSeconds).orElseThrow());
        assertTrue(policy.delayAfter(3, asksTwoSeconds).isEmpty(), "no fourth attempt");
        assertTrue(policy.delayAfter(1, new PartnerUnavailableException("429", Duration.ofMinutes(5), true, null))
                .isEmpty(), "a Retry-After beyond max-retry-after fails at once");
        Duration backoff = policy.delayAfter(2, new PartnerUnavailableException("503", null, true, null))
                .orElseThrow();
        assertTrue(backoff.compareTo(Duration.ofMillis(100)) >= 0 && backoff.compareTo(Duration.ofMillis(200)) <= 0,
                "second retry: half to all of 200 ms, jittered: " + backoff);
    }
}
