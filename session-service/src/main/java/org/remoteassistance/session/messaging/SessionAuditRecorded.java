package org.remoteassistance.session.messaging;

import java.time.Instant;
import java.util.UUID;
import org.remoteassistance.events.EventData;

/**
 * One audit entry, published for a SIEM on {@value AuditEvents#TOPIC}: who did what to which session on which
 * device, when, and how it came out. Keyed by the session id (by the device id for a refused request, which has no
 * session). It never carries the session code or a link.
 *
 * @param auditId   the entry's id in this service's trail
 * @param sessionId null for a refused request
 * @param actorRole {@code admin}, {@code helpdesk}, {@code device} or {@code system}
 * @param outcome   the session's status after the action, or {@code REFUSED}
 */
public record SessionAuditRecorded(Long auditId, UUID sessionId, UUID deviceId, String action, String actor,
        String actorRole, String outcome, String detail, Instant at) implements EventData {

    @Override
    public String key() {
        return (sessionId != null ? sessionId : deviceId).toString();
    }

    /** Only what a SIEM needs to file the entry: its words are this service's own, bounded by the trail's columns. */
    @Override
    public void validate(Instant now) {
        EventData.require(auditId, "auditId");
        EventData.require(deviceId, "deviceId");
        EventData.require(action, "action");
        EventData.require(actor, "actor");
        EventData.require(actorRole, "actorRole");
        EventData.require(outcome, "outcome");
        EventData.require(at, "at");
    }
}
