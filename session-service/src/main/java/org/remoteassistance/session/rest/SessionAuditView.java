package org.remoteassistance.session.rest;

import java.util.List;

/** {@code GET /api/sessions/{id}/audit}: the session's trail, oldest first. */
public record SessionAuditView(List<AuditEntryView> items) {
}
