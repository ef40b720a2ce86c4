package org.remoteassistance.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The session is over and its code is dead. {@code status} is {@code ENDED} or {@code EXPIRED}; {@code reason} is
 * one of {@code COMPLETED}, {@code CONNECTION_LOST}, {@code CANCELLED}, {@code DECLINED}, {@code EXPIRED},
 * {@code FAILED}.
 */
public record SessionEnded(UUID sessionId, UUID deviceId, String status, String reason, Instant endedAt)
        implements EventData {

    @Override
    public String key() {
        return sessionId.toString();
    }

    @Override
    public void validate() {
        EventData.require(sessionId, "sessionId");
        EventData.require(deviceId, "deviceId");
        EventData.require(status, "status");
        EventData.require(reason, "reason");
        EventData.require(endedAt, "endedAt");
    }
}
