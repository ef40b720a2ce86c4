package org.remoteassistance.session.report;

import java.time.Instant;
import java.util.UUID;

/**
 * One session in a report. {@code answeredAt}: when the device user allowed or declined it, if they did;
 * {@code secondsToAnswer} the time from the request to that answer.
 */
public record ReportRow(UUID id, UUID deviceId, String status, ReportOutcome outcome, String requestedBy,
        Instant requestedAt, Instant acknowledgedAt, Instant notifiedAt, Instant answeredAt, Instant startedAt,
        Instant endedAt, Double secondsToAnswer, String rejectReason, String ticketId, String reason,
        Integer maxDurationMinutes, int notificationResends) {

    /** The CSV columns, in the order of the record's components. */
    public static final String[] COLUMNS = {"id", "deviceId", "status", "outcome", "requestedBy", "requestedAt",
        "acknowledgedAt", "notifiedAt", "answeredAt", "startedAt", "endedAt", "secondsToAnswer", "rejectReason",
        "ticketId", "reason", "maxDurationMinutes", "notificationResends"};

    /** The values, in the order of {@link #COLUMNS}. */
    public Object[] values() {
        return new Object[] {id, deviceId, status, outcome, requestedBy, requestedAt, acknowledgedAt, notifiedAt,
            answeredAt, startedAt, endedAt, secondsToAnswer, rejectReason, ticketId, reason, maxDurationMinutes,
            notificationResends};
    }
}
