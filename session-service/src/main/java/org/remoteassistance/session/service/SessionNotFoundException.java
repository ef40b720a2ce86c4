package org.remoteassistance.session.service;

import java.util.UUID;

public class SessionNotFoundException extends RuntimeException {

    private final UUID sessionId;

    public SessionNotFoundException(UUID sessionId) {
        super("No session " + sessionId + ".");
        this.sessionId = sessionId;
    }

    public UUID sessionId() {
        return sessionId;
    }
}
