package org.remoteassistance.session.domain;

/** What an action did to a session: the service publishes {@code SessionStarted} or {@code SessionEnded} for it. */
public enum Outcome {
    /** Nothing changed: a repeat, a late or a stale event. */
    UNCHANGED,
    /** A fact was recorded or the status moved, with nothing to announce. */
    RECORDED,
    /** The session is now {@code IN_PROGRESS}. */
    STARTED,
    /** The session is now {@code ENDED} or {@code EXPIRED}. */
    ENDED
}
