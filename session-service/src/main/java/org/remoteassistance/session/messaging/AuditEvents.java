package org.remoteassistance.session.messaging;

import org.remoteassistance.events.EventType;

/**
 * The audit event this service adds to the product's events. It lives here, not in the shared contracts, because
 * only this service publishes it and only a SIEM reads it; the outbox takes any {@link EventType}.
 */
public final class AuditEvents {

    public static final String TOPIC = org.remoteassistance.events.Topics.SESSION_AUDIT;

    public static final EventType<SessionAuditRecorded> SESSION_AUDIT_RECORDED =
            new EventType<>("SessionAuditRecorded", TOPIC, SessionAuditRecorded.class,
                    EventType.SESSION_SERVICE);

    private AuditEvents() {
    }
}
