package org.remoteassistance.session.domain;

import java.util.List;

/** One page of sessions and how many match in all. */
public record SessionListing(List<RemoteAssistanceSession> items, long total) {
}
