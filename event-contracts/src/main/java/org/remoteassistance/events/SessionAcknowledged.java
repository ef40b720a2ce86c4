package org.remoteassistance.events;

import java.time.Instant;
import java.util.UUID;

public record SessionAcknowledged(UUID sessionId, UUID deviceId, String partner, String sessionCode,
        String supporterLink, String endCustomerLink, Instant validUntil) implements EventData {

    @Override
    public String key() {
        return sessionId.toString();
    }

    @Override
    public void validate() {
        EventData.require(sessionId, "sessionId");
        EventData.require(deviceId, "deviceId");
        EventData.require(partner, "partner");
        EventData.require(sessionCode, "sessionCode");
        EventData.require(supporterLink, "supporterLink");
        EventData.require(endCustomerLink, "endCustomerLink");
        EventData.require(validUntil, "validUntil");
    }
}
