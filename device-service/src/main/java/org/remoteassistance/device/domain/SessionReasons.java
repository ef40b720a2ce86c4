package org.remoteassistance.device.domain;

import java.util.List;

/**
 * The reasons a session is refused or ends for, as the session and connector services give them. The overview shows
 * them to admins, so an event carrying anything else is refused rather than shown.
 */
public final class SessionReasons {

    /** Why a session could not start ({@code SessionRejected.reason}). */
    public static final List<String> REJECTED = List.of("DEVICE_UNKNOWN", "DEVICE_RETIRED", "CONNECTOR_NOT_CONNECTED",
            DeviceSession.SESSION_ALREADY_OPEN, "PARTNER_REFUSED");

    /** Why a session ended or expired ({@code SessionEnded.reason}). */
    public static final List<String> ENDED = List.of("COMPLETED", "CONNECTION_LOST", "CANCELLED", "DECLINED",
            "EXPIRED", "FAILED");

    private SessionReasons() {
    }
}
