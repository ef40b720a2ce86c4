package org.remoteassistance.device.rest;

import java.time.Instant;
import java.util.UUID;
import org.remoteassistance.device.domain.RemoteAssistanceStatus;

/**
 * The device's remote assistance overview: the open or last session.
 *
 * @param status         {@code NONE} before any session
 * @param sessionId      that session, {@code null} before any
 * @param startAvailable whether the admin can start remote assistance now (acknowledged or in progress)
 * @param reason         why it ended or was rejected
 * @param notifiedAt     when the device was notified of it
 * @param updatedAt      when this service last learnt something about it
 */
public record RemoteAssistanceView(RemoteAssistanceStatus status, UUID sessionId, boolean startAvailable,
        String reason, Instant notifiedAt, Instant updatedAt) {
}
