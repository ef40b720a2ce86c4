package org.remoteassistance.session.service;

import java.util.UUID;
import org.remoteassistance.session.domain.Actor;
import org.remoteassistance.support.security.DeviceScope;

/**
 * A request for a session through the API, its fields checked.
 *
 * @param requestedBy        who asks, from their token
 * @param idempotencyKey     the client's key for retrying safely, or {@code null}
 * @param maxDurationMinutes how long it may run once in progress, or {@code null} for the default
 * @param reason             why, or {@code null}
 * @param ticketId           the help-desk ticket, or {@code null}
 * @param showReasonToUser   whether the device user is shown the reason
 * @param acknowledgeNonCompliant the requester goes ahead even if the device is not compliant
 * @param reach              the devices the requester may reach (a scoped help desk's scope)
 */
public record SessionRequest(UUID deviceId, Actor requestedBy, String idempotencyKey, Integer maxDurationMinutes,
        String reason, String ticketId, boolean showReasonToUser, boolean acknowledgeNonCompliant,
        DeviceScope reach) {
}
