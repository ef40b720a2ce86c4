package org.remoteassistance.events;

import java.time.Instant;
import java.util.UUID;

public record NotificationIssued(UUID notificationId, UUID sessionId, UUID deviceId, String channel, String message,
        Instant issuedAt) implements EventData {

    @Override
    public String key() {
        return sessionId.toString();
    }

    @Override
    public void validate() {
        EventData.require(notificationId, "notificationId");
        EventData.require(sessionId, "sessionId");
        EventData.require(deviceId, "deviceId");
        EventData.require(channel, "channel");
        EventData.require(message, "message");
        EventData.require(issuedAt, "issuedAt");
    }
}
