package org.remoteassistance.connector.service;

/** Why the connector rejects a session request: the {@code reason} of {@code SessionRejected}. */
public enum RejectReason {
    CONNECTOR_NOT_CONNECTED, DEVICE_UNKNOWN, DEVICE_RETIRED, SESSION_ALREADY_OPEN, PARTNER_REFUSED
}
