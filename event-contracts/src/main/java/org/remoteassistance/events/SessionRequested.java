package org.remoteassistance.events;

import java.time.Instant;
import java.util.UUID;

public record SessionRequested(UUID sessionId, UUID deviceId, String requestedBy, Instant requestedAt)
        implements EventData {

    @Override
    public String key() {
        return sessionId.toString();
    }

    /** {@code requestedAt} in the future would keep the session from ever expiring and hold its device for good. */
    @Override
    public void validate(Instant now) {
        EventRules.required(sessionId, "sessionId");
        EventRules.required(deviceId, "deviceId");
        EventRules.text(requestedBy, "requestedBy", EventRules.MAX_REQUESTED_BY);
        EventRules.happened(requestedAt, "requestedAt", now);
    }
}
