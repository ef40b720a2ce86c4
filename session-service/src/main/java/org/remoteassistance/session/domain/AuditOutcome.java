package org.remoteassistance.session.domain;

/**
 * How an audited action came out: the session's status after it, or {@link #REFUSED} when the rules turned it down
 * and nothing changed.
 */
public enum AuditOutcome {
    REQUESTED,
    ACKNOWLEDGED,
    IN_PROGRESS,
    ENDED,
    REJECTED,
    EXPIRED,
    REFUSED;

    public static AuditOutcome of(SessionStatus status) {
        return valueOf(status.name());
    }
}
