package org.remoteassistance.events;

/** How a session ended: {@code SessionEnded.status}. */
public enum EndStatus {
    ENDED, EXPIRED
}
