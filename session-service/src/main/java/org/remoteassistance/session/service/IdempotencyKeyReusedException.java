package org.remoteassistance.session.service;

import java.util.UUID;

/** The Idempotency-Key already named a request for another device: it cannot be answered with that session. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(UUID sessionId, UUID otherDeviceId) {
        super("This Idempotency-Key was already used to request session " + sessionId + " for device "
                + otherDeviceId + "; use a new key for a new request.");
    }
}
