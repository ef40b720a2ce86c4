package org.remoteassistance.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An admin asks for the device's notification of an acknowledged session it has not answered to be sent again
 * (Remote Help's Retry): the same session and code, a new notification in place of the old one.
 *
 * @param resend which resend of the session this is: 1, 2, ...
 */
public record NotificationResendRequested(UUID sessionId, UUID deviceId, String requestedBy, int resend,
        Instant requestedAt) implements EventData {

    /** More would be no resend policy at all; session-service's own bound is lower. */
    public static final int MOST = 100;

    @Override
    public String key() {
        return sessionId.toString();
    }

    @Override
    public void validate(Instant now) {
        EventRules.required(sessionId, "sessionId");
        EventRules.required(deviceId, "deviceId");
        EventRules.text(requestedBy, "requestedBy", EventRules.MAX_REQUESTED_BY);
        EventRules.optionalRange(resend, "resend", 1, MOST);
        EventRules.happened(requestedAt, "requestedAt", now);
    }
}
