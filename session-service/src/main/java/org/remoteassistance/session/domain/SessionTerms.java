package org.remoteassistance.session.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * What the requester set for a session beyond its device.
 *
 * @param maxDuration      how long it may run once in progress before it ends with {@code TIME_LIMIT} (1 minute to a
 *                         day)
 * @param reason           why it is requested, or null
 * @param ticketId         the help-desk ticket it belongs to, or null
 * @param showReasonToUser whether the device user is shown the reason (only with one)
 * @param nonCompliantAcknowledged the requester goes ahead knowing the device may not be compliant
 */
public record SessionTerms(Duration maxDuration, String reason, String ticketId, boolean showReasonToUser,
        boolean nonCompliantAcknowledged) {

    public static final Duration SHORTEST = Duration.ofMinutes(1);
    public static final Duration LONGEST = Duration.ofDays(1);

    public SessionTerms {
        Objects.requireNonNull(maxDuration, "maxDuration");
        if (maxDuration.compareTo(SHORTEST) < 0 || maxDuration.compareTo(LONGEST) > 0
                || maxDuration.toSecondsPart() != 0 || maxDuration.toNanosPart() != 0) {
            throw new IllegalArgumentException("a session's time limit is whole minutes from 1 to 1440, not "
                    + maxDuration);
        }
        if (showReasonToUser && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("showing the device user the reason needs a reason");
        }
    }

    /** Only a time limit. */
    public SessionTerms(Duration maxDuration) {
        this(maxDuration, null, null, false, false);
    }

    /** The requester's terms; {@code defaultMaxDuration} where they set no time limit. */
    public static SessionTerms of(Integer maxDurationMinutes, Duration defaultMaxDuration, String reason,
            String ticketId, Boolean showReasonToUser, Boolean nonCompliantAcknowledged) {
        return new SessionTerms(maxDurationMinutes == null ? defaultMaxDuration : Duration.ofMinutes(maxDurationMinutes),
                reason, ticketId, Boolean.TRUE.equals(showReasonToUser), Boolean.TRUE.equals(nonCompliantAcknowledged));
    }

    /** The reason, if the device user is to be shown it; else null. */
    public String reasonForUser() {
        return showReasonToUser ? reason : null;
    }
}
