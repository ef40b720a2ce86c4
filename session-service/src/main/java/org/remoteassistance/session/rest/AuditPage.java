package org.remoteassistance.session.rest;

import java.util.List;

/** {@code GET /api/audit}: one page of the trail, newest first, and how many entries match in all. */
public record AuditPage(List<AuditEntryView> items, long total) {
}
