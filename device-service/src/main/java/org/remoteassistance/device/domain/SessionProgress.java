package org.remoteassistance.device.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What one session event says about a session of a device: the status it implies and when it happened.
 *
 * @param sessionId  the session
 * @param deviceId   the device it runs on
 * @param status     the status the event implies
 * @param at         when it happened; never before the session was requested
 * @param request    whether this is the session's request itself, so {@code at} is its exact request time
 * @param reason     why it ended or was rejected, else {@code null}
 * @param notifiedAt when the device was notified, for a notification, else {@code null}
 */
public record SessionProgress(UUID sessionId, UUID deviceId, RemoteAssistanceStatus status, Instant at,
        boolean request, String reason, Instant notifiedAt) {

    public SessionProgress {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        if (status == RemoteAssistanceStatus.NONE) {
            throw new IllegalArgumentException("an event always implies a session status");
        }
    }

    public static SessionProgress requested(UUID sessionId, UUID deviceId, Instant requestedAt) {
        return new SessionProgress(sessionId, deviceId, RemoteAssistanceStatus.REQUESTED, requestedAt, true, null,
                null);
    }

    public static SessionProgress acknowledged(UUID sessionId, UUID deviceId, Instant at) {
        return new SessionProgress(sessionId, deviceId, RemoteAssistanceStatus.ACKNOWLEDGED, at, false, null, null);
    }

    /** The device is only notified once the partner has acknowledged, so a notification implies that much. */
    public static SessionProgress notified(UUID sessionId, UUID deviceId, Instant issuedAt) {
        return new SessionProgress(sessionId, deviceId, RemoteAssistanceStatus.ACKNOWLEDGED, issuedAt, false, null,
                issuedAt);
    }

    public static SessionProgress started(UUID sessionId, UUID deviceId, Instant startedAt) {
        return new SessionProgress(sessionId, deviceId, RemoteAssistanceStatus.IN_PROGRESS, startedAt, false, null,
                null);
    }

    public static SessionProgress rejected(UUID sessionId, UUID deviceId, String reason, Instant rejectedAt) {
        return new SessionProgress(sessionId, deviceId, RemoteAssistanceStatus.REJECTED, rejectedAt, false, reason,
                null);
    }

    /** @param status {@link RemoteAssistanceStatus#ENDED} or {@link RemoteAssistanceStatus#EXPIRED} */
    public static SessionProgress ended(UUID sessionId, UUID deviceId, RemoteAssistanceStatus status, String reason,
            Instant endedAt) {
        if (status != RemoteAssistanceStatus.ENDED && status != RemoteAssistanceStatus.EXPIRED) {
            throw new IllegalArgumentException("a session ends as ENDED or EXPIRED, not " + status);
        }
        return new SessionProgress(sessionId, deviceId, status, endedAt, false, reason, null);
    }
}
