package org.remoteassistance.session.service;

import java.util.UUID;
import org.remoteassistance.events.RejectReason;
import org.remoteassistance.session.domain.SessionStatus;

/** The device already has an open session: callers get that one instead of a second. */
public class SessionAlreadyOpenException extends SessionRefusedException {

    private final UUID deviceId;
    private final UUID openSessionId;
    private final SessionStatus openSessionStatus;

    public SessionAlreadyOpenException(UUID deviceId, UUID openSessionId, SessionStatus openSessionStatus) {
        super("Device " + deviceId + " already has an open remote assistance session " + openSessionId + " ("
                + openSessionStatus + "); use it or end it before requesting another.");
        this.deviceId = deviceId;
        this.openSessionId = openSessionId;
        this.openSessionStatus = openSessionStatus;
    }

    public UUID deviceId() {
        return deviceId;
    }

    public UUID openSessionId() {
        return openSessionId;
    }

    public SessionStatus openSessionStatus() {
        return openSessionStatus;
    }

    @Override
    public RejectReason reason() {
        return RejectReason.SESSION_ALREADY_OPEN;
    }
}
