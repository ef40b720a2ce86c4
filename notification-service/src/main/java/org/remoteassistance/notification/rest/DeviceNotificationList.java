package org.remoteassistance.notification.rest;

import java.util.List;

/** A device's notifications, newest first, and how many of them are unread. */
public record DeviceNotificationList(long unread, List<NotificationItem> items) {
}
