package org.remoteassistance.session.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * A session as the API shows it; fields not known yet are null. {@code startAvailable}: the admin may launch the
 * partner app (acknowledged and not over). {@code maxDurationMinutes}: how long it may run once in progress (null for
 * sessions from before time limits); {@code timeLimitAt}: when it then ends with {@code TIME_LIMIT}. {@code reason},
 * {@code ticketId}, {@code showReasonToUser}: as requested.
 */
public record SessionView(
        UUID id,
        UUID deviceId,
        String status,
        String partner,
        String sessionCode,
        String supporterLink,
        String endCustomerLink,
        Instant validUntil,
        String requestedBy,
        Instant requestedAt,
        Instant acknowledgedAt,
        Instant notifiedAt,
        Instant adminStartedAt,
        Instant deviceAllowedAt,
        Instant startedAt,
        Instant endedAt,
        String endReason,
        String rejectReason,
        String rejectDetail,
        Integer maxDurationMinutes,
        Instant timeLimitAt,
        String reason,
        String ticketId,
        boolean showReasonToUser,
        int notificationResends,
        boolean nonCompliantAcknowledged,
        boolean startAvailable) {
}
