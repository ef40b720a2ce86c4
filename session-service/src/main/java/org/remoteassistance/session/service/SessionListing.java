package org.remoteassistance.session.service;

import java.util.List;
import org.remoteassistance.session.domain.RemoteAssistanceSession;

/** One page of sessions and how many match in all. */
public record SessionListing(List<RemoteAssistanceSession> items, long total) {
}
