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
    public void validate(Instant now) {
        EventRules.required(notificationId, "notificationId");
        EventRules.required(sessionId, "sessionId");
        EventRules.required(deviceId, "deviceId");
        EventRules.text(channel, "channel", EventRules.MAX_CODE);
        EventRules.text(message, "message", EventRules.MAX_MESSAGE);
        EventRules.happened(issuedAt, "issuedAt", now);
    }
}
