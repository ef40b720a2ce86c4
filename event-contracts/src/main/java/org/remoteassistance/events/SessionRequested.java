package org.remoteassistance.events;

import java.time.Instant;
import java.util.UUID;

public record SessionRequested(UUID sessionId, UUID deviceId, String requestedBy, Instant requestedAt)
        implements EventData {

    @Override
    public String key() {
        return sessionId.toString();
    }

    @Override
    public void validate() {
        EventData.require(sessionId, "sessionId");
        EventData.require(deviceId, "deviceId");
        EventData.require(requestedBy, "requestedBy");
        EventData.require(requestedAt, "requestedAt");
    }
}
