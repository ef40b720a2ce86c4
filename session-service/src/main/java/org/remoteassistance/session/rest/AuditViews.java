package org.remoteassistance.session.rest;

import org.remoteassistance.session.domain.SessionAuditEntry;

/** Maps stored audit entries to what the API shows. */
final class AuditViews {

    private AuditViews() {
    }

    static AuditEntryView of(SessionAuditEntry entry) {
        return new AuditEntryView(entry.id(), entry.sessionId(), entry.deviceId(), entry.action().name(),
                entry.actor(), entry.actorRole(), entry.outcome().name(), entry.detail(), entry.at());
    }
}
