package org.remoteassistance.session.domain;

import java.util.UUID;

/** The action does not apply to the session in its current status; the message says why and what to do instead. */
public class SessionStateException extends RuntimeException {

    private final UUID sessionId;
    private final UUID deviceId;
    private final SessionStatus status;

    public SessionStateException(UUID sessionId, UUID deviceId, SessionStatus status, String detail) {
        super(detail);
        this.sessionId = sessionId;
        this.deviceId = deviceId;
        this.status = status;
    }

    public UUID sessionId() {
        return sessionId;
    }

    /** The session's device: the audit trail records refused actions under it. */
    public UUID deviceId() {
        return deviceId;
    }

    public SessionStatus status() {
        return status;
    }
}
