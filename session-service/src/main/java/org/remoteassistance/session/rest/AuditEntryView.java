package org.remoteassistance.session.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * One audit entry as the API shows it. {@code sessionId} is null for a refused request; {@code actorRole} is
 * {@code admin}, {@code helpdesk}, {@code device} or {@code system}; {@code outcome} is the session's status after the
 * action, or {@code REFUSED}.
 */
public record AuditEntryView(Long id, UUID sessionId, UUID deviceId, String action, String actor, String actorRole,
        String outcome, String detail, Instant at) {
}
