package org.remoteassistance.session.service;

import java.util.UUID;
import org.remoteassistance.session.domain.Actor;

/**
 * A request for a session through the API.
 *
 * @param requestedBy        who asks, from their token
 * @param idempotencyKey     the client's key for retrying safely, or {@code null}
 * @param maxDurationMinutes how long it may run once in progress, or {@code null} for the default
 */
public record SessionRequest(UUID deviceId, Actor requestedBy, String idempotencyKey, Integer maxDurationMinutes) {
}
