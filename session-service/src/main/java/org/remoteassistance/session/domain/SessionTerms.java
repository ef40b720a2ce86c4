package org.remoteassistance.session.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * What the requester set for a session beyond its device.
 *
 * @param maxDuration how long it may run once in progress before it ends with {@code TIME_LIMIT} (1 minute to a day)
 */
public record SessionTerms(Duration maxDuration) {

    public static final Duration SHORTEST = Duration.ofMinutes(1);
    public static final Duration LONGEST = Duration.ofDays(1);

    public SessionTerms {
        Objects.requireNonNull(maxDuration, "maxDuration");
        if (maxDuration.compareTo(SHORTEST) < 0 || maxDuration.compareTo(LONGEST) > 0
                || maxDuration.toSecondsPart() != 0 || maxDuration.toNanosPart() != 0) {
            throw new IllegalArgumentException("a session's time limit is whole minutes from 1 to 1440, not "
                    + maxDuration);
        }
    }

    /** The requester's limit in minutes, or {@code otherwise} where they gave none. */
    public static SessionTerms of(Integer maxDurationMinutes, Duration otherwise) {
        return new SessionTerms(maxDurationMinutes == null ? otherwise : Duration.ofMinutes(maxDurationMinutes));
    }
}
