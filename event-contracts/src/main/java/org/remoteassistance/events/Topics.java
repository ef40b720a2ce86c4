package org.remoteassistance.events;

/** Kafka topic names: one topic per event type, keyed by session id (devices by device id). */
public final class Topics {

    public static final String SESSION_REQUESTED = "remote-assistance.session-requested";
    public static final String SESSION_ACKNOWLEDGED = "remote-assistance.session-acknowledged";
    public static final String SESSION_REJECTED = "remote-assistance.session-rejected";
    public static final String SESSION_STARTED = "remote-assistance.session-started";
    public static final String SESSION_ENDED = "remote-assistance.session-ended";
    public static final String NOTIFICATION_ISSUED = "remote-assistance.notification-issued";
    /** {@code NotificationResendRequested}: an admin asks for the device's notification to be sent again. */
    public static final String NOTIFICATION_RESEND_REQUESTED = "remote-assistance.notification-resend-requested";
    /** {@code DeviceComplianceChanged}, from another system: a device's compliance state, keyed by device id. */
    public static final String DEVICE_COMPLIANCE = "remote-assistance.device-compliance";
    /** Compacted: the latest snapshot of each device, keyed by device id. */
    public static final String DEVICES = "remote-assistance.devices";
    /** {@code SessionAuditRecorded}: session-service's audit trail, one event per entry, for a SIEM. */
    public static final String SESSION_AUDIT = "remote-assistance.session-audit";
    /** Events a consumer could not process, with the reason in the {@code dead-letter-reason} header. */
    public static final String DEAD_LETTER = "remote-assistance.dead-letter";

    private Topics() {
    }
}
