package org.remoteassistance.connector.messaging;

/** The incoming channels of application.properties. */
final class Channels {

    static final String SESSION_REQUESTED = "session-requested";

    private Channels() {
    }
}
