package org.remoteassistance.session.domain;

import java.time.Instant;

/** What the partner created for a session: the single-use code and the admin's and the device's links. */
public record PartnerSession(String partner, String sessionCode, String supporterLink, String endCustomerLink,
        Instant validUntil) {
}
