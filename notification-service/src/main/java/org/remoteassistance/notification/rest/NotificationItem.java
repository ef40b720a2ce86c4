package org.remoteassistance.notification.rest;

import java.time.Instant;
import java.util.UUID;
import org.remoteassistance.notification.domain.CompanyPortalNotification;

/**
 * One notification as the Company Portal shows it, in the list and on the live stream alike. {@code reason}: why the
 * administrator asks, when they chose to tell the device user; else null.
 */
public record NotificationItem(UUID id, UUID sessionId, String title, String message, String reason,
        String endCustomerLink, String sessionCode, String instructions, boolean actionable, boolean read,
        Instant issuedAt) {

    public static NotificationItem of(CompanyPortalNotification notification) {
        return new NotificationItem(notification.id, notification.sessionId, notification.title, notification.message,
                notification.reason, notification.endCustomerLink, notification.sessionCode, notification.instructions,
                notification.actionable, notification.isRead(), notification.issuedAt);
    }
}
