package org.remoteassistance.events;

import java.time.Instant;
import java.util.UUID;

/** {@code validUntil} is not checked against the clock: it lies in the future by nature. */
public record SessionAcknowledged(UUID sessionId, UUID deviceId, String partner, String sessionCode,
        String supporterLink, String endCustomerLink, Instant validUntil) implements EventData {

    @Override
    public String key() {
        return sessionId.toString();
    }

    @Override
    public void validate(Instant now) {
        EventRules.required(sessionId, "sessionId");
        EventRules.required(deviceId, "deviceId");
        EventRules.text(partner, "partner", EventRules.MAX_CODE);
        EventRules.sessionCode(sessionCode, "sessionCode");
        EventRules.link(supporterLink, "supporterLink");
        EventRules.link(endCustomerLink, "endCustomerLink");
        EventRules.required(validUntil, "validUntil");
    }
}
