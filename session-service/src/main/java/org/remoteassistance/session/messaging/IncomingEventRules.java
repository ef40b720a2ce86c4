package org.remoteassistance.session.messaging;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.remoteassistance.events.InvalidEventException;
import org.remoteassistance.events.NotificationIssued;
import org.remoteassistance.events.SessionAcknowledged;
import org.remoteassistance.events.SessionRejected;
import org.remoteassistance.events.SessionRequested;

/**
 * What this service requires of other services' events beyond the contract's required fields, checked before an
 * event changes anything: sizes that fit what is stored, links a console may safely open, reasons the contract names.
 * An event that fails is dead-lettered with the reason.
 */
final class IncomingEventRules {

    /** The {@code reason}s of {@code SessionRejected} the contract names. */
    static final Set<String> REJECT_REASONS = Set.of("DEVICE_UNKNOWN", "DEVICE_RETIRED", "CONNECTOR_NOT_CONNECTED",
            "PARTNER_REFUSED", "SESSION_ALREADY_OPEN");
    /**
     * How far ahead of this service's clock a request may say it was made. Expiry counts from the request time, so a
     * request dated years ahead would hold the device's one open session for good.
     */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final int NAME = 255;
    private static final int CODE = 64;
    private static final int LINK = 2048;
    private static final int DETAIL = 1024;

    private IncomingEventRules() {
    }

    static void check(SessionRequested data) {
        atMost("requestedBy", data.requestedBy(), NAME);
        if (data.requestedAt().isAfter(Instant.now().plus(CLOCK_SKEW))) {
            throw new InvalidEventException("data.requestedAt " + data.requestedAt() + " is in the future");
        }
    }

    static void check(SessionAcknowledged data) {
        atMost("partner", data.partner(), CODE);
        atMost("sessionCode", data.sessionCode(), CODE);
        link("supporterLink", data.supporterLink());
        link("endCustomerLink", data.endCustomerLink());
    }

    static void check(SessionRejected data) {
        if (!REJECT_REASONS.contains(data.reason())) {
            throw new InvalidEventException("data.reason must be one of " + REJECT_REASONS.stream().sorted().toList()
                    + ", not " + shortened(data.reason()));
        }
        atMost("detail", data.detail(), DETAIL);
    }

    static void check(NotificationIssued data) {
        atMost("channel", data.channel(), CODE);
    }

    private static void atMost(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidEventException("data." + field + " is longer than " + max + " characters");
        }
    }

    /** Admins and devices open these links: only absolute http(s) URLs, never javascript: or data:. */
    private static void link(String field, String value) {
        atMost(field, value, LINK);
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw new InvalidEventException("data." + field + " must be an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw new InvalidEventException("data." + field + " is not a URL");
        }
    }

    private static String shortened(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "…" : value;
    }
}
