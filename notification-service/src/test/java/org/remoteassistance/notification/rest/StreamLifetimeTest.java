package org.remoteassistance.notification.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A live stream closes at its token's expiry, and after the maximum age whatever the token says. */
class StreamLifetimeTest {

    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static final Duration MAX_AGE = Duration.ofMinutes(15);

    @Test
    void closesWhenTheTokenExpires() {
        assertEquals(NOW.plusSeconds(2), LiveNotificationFeed.closeAt(NOW, Optional.of(NOW.plusSeconds(2)), MAX_AGE));
    }

    @Test
    void closesAfterTheMaximumAgeThoughTheTokenLivesLonger() {
        assertEquals(NOW.plus(MAX_AGE), LiveNotificationFeed.closeAt(NOW, Optional.of(NOW.plus(Duration.ofDays(1))),
                MAX_AGE));
        assertEquals(NOW.plus(MAX_AGE), LiveNotificationFeed.closeAt(NOW, Optional.empty(), MAX_AGE));
    }
}
