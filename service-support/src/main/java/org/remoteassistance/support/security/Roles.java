package org.remoteassistance.support.security;

/** The roles a token's {@code groups} claim may carry. */
public final class Roles {

    /** Everything, including the partner connector. */
    public static final String ADMIN = "admin";
    /** Devices and sessions, not the connector. */
    public static final String HELPDESK = "helpdesk";
    /** The Company Portal of one device: its notifications, its stream, the answers to its sessions. */
    public static final String DEVICE = "device";

    private Roles() {
    }
}
