package org.remoteassistance.events;

import java.util.List;

/**
 * One kind of event: its CloudEvents {@code type}, the topic it travels on, the class of its data and the CloudEvents
 * {@code source} of the service of this system that publishes it (its outbox writes {@code /<application name>}).
 *
 * @param <T> the data record
 */
public record EventType<T extends EventData>(String name, String topic, Class<T> dataClass, String publisher) {

    public static final String DEVICE_SERVICE = "/device-service";
    public static final String SESSION_SERVICE = "/session-service";
    public static final String NOTIFICATION_SERVICE = "/notification-service";
    public static final String CONNECTOR_SERVICE = "/connector-service";
    /**
     * The source of {@code DeviceComplianceChanged} by default: a system outside this one (its compliance engine);
     * the operator may allow others ({@code REMOTE_ASSISTANCE_EVENTS_ALLOWED_SOURCES_DEVICE_COMPLIANCE}).
     */
    public static final String COMPLIANCE_SOURCE = "/compliance";

    public static final EventType<SessionRequested> SESSION_REQUESTED =
            new EventType<>("SessionRequested", Topics.SESSION_REQUESTED, SessionRequested.class, SESSION_SERVICE);
    public static final EventType<SessionAcknowledged> SESSION_ACKNOWLEDGED =
            new EventType<>("SessionAcknowledged", Topics.SESSION_ACKNOWLEDGED, SessionAcknowledged.class,
                    CONNECTOR_SERVICE);
    public static final EventType<SessionRejected> SESSION_REJECTED =
            new EventType<>("SessionRejected", Topics.SESSION_REJECTED, SessionRejected.class, CONNECTOR_SERVICE);
    public static final EventType<SessionStarted> SESSION_STARTED =
            new EventType<>("SessionStarted", Topics.SESSION_STARTED, SessionStarted.class, SESSION_SERVICE);
    public static final EventType<SessionEnded> SESSION_ENDED =
            new EventType<>("SessionEnded", Topics.SESSION_ENDED, SessionEnded.class, SESSION_SERVICE);
    public static final EventType<NotificationIssued> NOTIFICATION_ISSUED =
            new EventType<>("NotificationIssued", Topics.NOTIFICATION_ISSUED, NotificationIssued.class,
                    NOTIFICATION_SERVICE);
    public static final EventType<NotificationResendRequested> NOTIFICATION_RESEND_REQUESTED =
            new EventType<>("NotificationResendRequested", Topics.NOTIFICATION_RESEND_REQUESTED,
                    NotificationResendRequested.class, SESSION_SERVICE);
    public static final EventType<DeviceSnapshot> DEVICE_UPDATED =
            new EventType<>("DeviceUpdated", Topics.DEVICES, DeviceSnapshot.class, DEVICE_SERVICE);
    public static final EventType<DeviceComplianceChanged> DEVICE_COMPLIANCE_CHANGED =
            new EventType<>("DeviceComplianceChanged", Topics.DEVICE_COMPLIANCE, DeviceComplianceChanged.class,
                    COMPLIANCE_SOURCE);
    public static final EventType<DeviceSnapshot> DEVICE_REGISTERED =
            new EventType<>("DeviceRegistered", Topics.DEVICES, DeviceSnapshot.class, DEVICE_SERVICE);
    public static final EventType<DeviceSnapshot> DEVICE_RETIRED =
            new EventType<>("DeviceRetired", Topics.DEVICES, DeviceSnapshot.class, DEVICE_SERVICE);

    public static final List<EventType<?>> ALL = List.of(SESSION_REQUESTED, SESSION_ACKNOWLEDGED, SESSION_REJECTED,
            SESSION_STARTED, SESSION_ENDED, NOTIFICATION_ISSUED, NOTIFICATION_RESEND_REQUESTED, DEVICE_REGISTERED,
            DEVICE_UPDATED, DEVICE_RETIRED, DEVICE_COMPLIANCE_CHANGED);
}
