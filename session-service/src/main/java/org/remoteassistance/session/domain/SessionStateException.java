package org.remoteassistance.session.domain;

import java.util.UUID;

/** The action does not apply to the session in its current status; the message says why and what to do instead. */
public class SessionStateException extends RuntimeException {

    private final UUID sessionId;
    private final SessionStatus status;

    public SessionStateException(UUID sessionId, SessionStatus status, String detail) {
        super(detail);
        this.sessionId = sessionId;
        this.status = status;
    }

    public UUID sessionId() {
        return sessionId;
    }

    public SessionStatus status() {
        return status;
    }
}
