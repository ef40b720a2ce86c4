package org.remoteassistance.notification.messaging;

/** The incoming channels; their topics, group and dead-letter settings are in application.properties. */
final class Channels {

    static final String SESSION_ACKNOWLEDGED = "session-acknowledged";
    static final String SESSION_ENDED = "session-ended";
    static final String DEVICES = "devices";

    private Channels() {
    }
}
