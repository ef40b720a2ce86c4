package org.remoteassistance.session.service;

import java.util.UUID;

/**
 * An admin's request for a session.
 *
 * @param idempotencyKey the client's key for retrying safely, or {@code null}
 */
public record SessionRequest(UUID deviceId, String requestedBy, String idempotencyKey) {
}
