package org.remoteassistance.connector.partner;

import java.time.Instant;

/**
 * A partner session as the partner describes it.
 *
 * @param code            the single-use session code, like {@code s12-345-678}
 * @param state           {@code open} or {@code closed} (the partner's spelling; compare with {@link #isOpen()})
 * @param supporterLink   the admin's launch link
 * @param endCustomerLink the device user's link
 * @param description     what the connector wrote into it: the remote assistance session id
 */
public record PartnerSession(String code, String state, String supporterLink, String endCustomerLink,
        Instant createdAt, Instant validUntil, Instant closedAt, String description) {

    public static final String OPEN = "open";
    public static final String CLOSED = "closed";

    public boolean isOpen() {
        return OPEN.equalsIgnoreCase(state);
    }
}
