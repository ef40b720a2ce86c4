package org.remoteassistance.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The session could not start. {@code reason} is one of {@code DEVICE_UNKNOWN}, {@code DEVICE_RETIRED},
 * {@code CONNECTOR_NOT_CONNECTED}, {@code PARTNER_REFUSED}; {@code detail} says it in words.
 */
public record SessionRejected(UUID sessionId, UUID deviceId, String reason, String detail, Instant rejectedAt)
        implements EventData {

    @Override
    public String key() {
        return sessionId.toString();
    }

    @Override
    public void validate() {
        EventData.require(sessionId, "sessionId");
        EventData.require(deviceId, "deviceId");
        EventData.require(reason, "reason");
        EventData.require(rejectedAt, "rejectedAt");
    }
}
