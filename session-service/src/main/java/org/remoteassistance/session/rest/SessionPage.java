package org.remoteassistance.session.rest;

import java.util.List;

/** {@code GET /api/sessions}: one page, newest first, and how many match in all. */
public record SessionPage(List<SessionView> items, long total) {
}
