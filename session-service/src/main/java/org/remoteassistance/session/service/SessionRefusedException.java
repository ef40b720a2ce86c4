package org.remoteassistance.session.service;

import org.remoteassistance.events.RejectReason;

/** Why this device takes no new session now: the same rule for the API (a 404 or 409) and for another's request. */
public abstract class SessionRefusedException extends RuntimeException {

    protected SessionRefusedException(String message) {
        super(message);
    }

    /** What the audit trail and a rejected request record: the message unless it must not tell the caller all. */
    public String detail() {
        return getMessage();
    }

    /** The reason a request refused for it is recorded with. */
    public abstract RejectReason reason();
}
