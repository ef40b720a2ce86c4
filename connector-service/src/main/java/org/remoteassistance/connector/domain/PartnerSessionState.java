package org.remoteassistance.connector.domain;

/** Where a partner session held by the connector stands. */
public enum PartnerSessionState {
    /** Created at the partner; its code is live. */
    OPEN,
    /** The remote assistance session ended; the partner has not confirmed the close yet (retried on a schedule). */
    CLOSE_PENDING,
    /** Closed at the partner (or never created there): its code is dead. */
    CLOSED
}
