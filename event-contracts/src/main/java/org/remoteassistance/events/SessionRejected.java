package org.remoteassistance.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The session could not start. {@code reason} is one of {@link EventRules#REJECT_REASONS}; {@code detail} says it in
 * words.
 */
public record SessionRejected(UUID sessionId, UUID deviceId, String reason, String detail, Instant rejectedAt)
        implements EventData {

    @Override
    public String key() {
        return sessionId.toString();
    }

    @Override
    public void validate(Instant now) {
        EventRules.required(sessionId, "sessionId");
        EventRules.required(deviceId, "deviceId");
        EventRules.oneOf(reason, "reason", EventRules.REJECT_REASONS);
        EventRules.optionalText(detail, "detail", EventRules.MAX_DETAIL);
        EventRules.happened(rejectedAt, "rejectedAt", now);
    }
}
