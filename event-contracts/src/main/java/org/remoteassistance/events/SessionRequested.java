package org.remoteassistance.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * A session is asked for. {@code maxDurationMinutes} (optional, 1 to {@value EventRules#MAX_SESSION_MINUTES}): how long
 * it may run once in progress before it ends with {@link EndReason#TIME_LIMIT}; without it, session-service's default.
 */
public record SessionRequested(UUID sessionId, UUID deviceId, String requestedBy, Instant requestedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxDurationMinutes) implements EventData {

    /** A request with the default time limit. */
    public SessionRequested(UUID sessionId, UUID deviceId, String requestedBy, Instant requestedAt) {
        this(sessionId, deviceId, requestedBy, requestedAt, null);
    }

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
        EventRules.optionalRange(maxDurationMinutes, "maxDurationMinutes", 1, EventRules.MAX_SESSION_MINUTES);
    }
}
