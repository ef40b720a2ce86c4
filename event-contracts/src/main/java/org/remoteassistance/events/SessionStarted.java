package org.remoteassistance.events;

import java.time.Instant;
import java.util.UUID;

/** The admin started and the device user allowed: the session is in progress. */
public record SessionStarted(UUID sessionId, UUID deviceId, Instant startedAt) implements EventData {

    @Override
    public String key() {
        return sessionId.toString();
    }

    @Override
    public void validate(Instant now) {
        EventRules.required(sessionId, "sessionId");
        EventRules.required(deviceId, "deviceId");
        EventRules.happened(startedAt, "startedAt", now);
    }
}
