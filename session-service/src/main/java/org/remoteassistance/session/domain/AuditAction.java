package org.remoteassistance.session.domain;

/** What an audit entry records. */
public enum AuditAction {
    /** Someone asked for a session (through the API or another publisher's {@code SessionRequested}). */
    REQUESTED,
    /** The partner created its session (a connector's {@code SessionAcknowledged}). */
    ACKNOWLEDGED,
    /** It could not start (a connector's {@code SessionRejected}). */
    REJECTED,
    /** The device got its Company Portal notification ({@code NotificationIssued}). */
    NOTIFIED,
    /** The admin or help desk had the device's notification sent again. */
    RESENT,
    /** The admin or help desk launched the partner app and was handed the code and supporter link. */
    STARTED,
    /** The device user allowed the session. */
    ALLOWED,
    /** The device user declined the session. */
    DECLINED,
    /** Someone ended the session. */
    ENDED,
    /** Nobody accepted the session in time. */
    EXPIRED;

    /** The device user's answer. */
    public static AuditAction answer(boolean allow) {
        return allow ? ALLOWED : DECLINED;
    }
}
