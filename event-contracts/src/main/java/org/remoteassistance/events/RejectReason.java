package org.remoteassistance.events;

/** Why the connector rejected a session request: {@code SessionRejected.reason}. */
public enum RejectReason {
    CONNECTOR_NOT_CONNECTED, DEVICE_UNKNOWN, DEVICE_RETIRED, SESSION_ALREADY_OPEN, PARTNER_REFUSED,
    /** The device is not compliant and the request did not acknowledge it ({@code acknowledgeNonCompliant}). */
    DEVICE_NONCOMPLIANT,
    /** The device carries none of the requester's scope tags ({@code requesterScopeTags}). */
    DEVICE_OUT_OF_SCOPE
}
