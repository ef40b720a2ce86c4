package org.remoteassistance.connector.domain;

/** The partner connector's onboarding status, as the admin console shows it. */
public enum ConnectorStatus {
    /** No token was ever entered. */
    NOT_CONFIGURED,
    /** The partner accepted the stored token when it was last checked. */
    CONNECTED,
    /** A token is stored but cannot be used: the partner refused it later, or it cannot be decrypted. */
    ERROR,
    /** An admin removed the token. */
    DISCONNECTED
}
