package org.remoteassistance.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code validUntil} is not checked against the clock: it lies in the future by nature. {@code reasonForUser}
 * (optional, left out when absent): the request's reason, passed on when the requester chose to show it to the device
 * user ({@code SessionRequested.showReasonToUser}).
 */
public record SessionAcknowledged(UUID sessionId, UUID deviceId, String partner, String sessionCode,
        String supporterLink, String endCustomerLink, Instant validUntil,
        @JsonInclude(JsonInclude.Include.NON_NULL) String reasonForUser) implements EventData {

    /** An acknowledgement with nothing to show the device user beyond the code and link. */
    public SessionAcknowledged(UUID sessionId, UUID deviceId, String partner, String sessionCode,
            String supporterLink, String endCustomerLink, Instant validUntil) {
        this(sessionId, deviceId, partner, sessionCode, supporterLink, endCustomerLink, validUntil, null);
    }

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
        EventRules.optionalText(reasonForUser, "reasonForUser", EventRules.MAX_REASON);
    }
}
