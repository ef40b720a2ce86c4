package org.remoteassistance.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The session is over and its code is dead. {@code status} is one of {@link EventRules#END_STATUSES}, {@code reason}
 * one of {@link EventRules#END_REASONS}: any SessionEnded closes a partner session, so only a real end may.
 */
public record SessionEnded(UUID sessionId, UUID deviceId, String status, String reason, Instant endedAt)
        implements EventData {

    @Override
    public String key() {
        return sessionId.toString();
    }

    @Override
    public void validate(Instant now) {
        EventRules.required(sessionId, "sessionId");
        EventRules.required(deviceId, "deviceId");
        EventRules.oneOf(status, "status", EventRules.END_STATUSES);
        EventRules.oneOf(reason, "reason", EventRules.END_REASONS);
        EventRules.happened(endedAt, "endedAt", now);
    }
}
