package org.remoteassistance.events;

import java.util.List;

/**
 * One kind of event: its CloudEvents {@code type}, the topic it travels on and the class of its data.
 *
 * @param <T> the data record
 */
public record EventType<T extends EventData>(String name, String topic, Class<T> dataClass) {

    public static final EventType<SessionRequested> SESSION_REQUESTED =
            new EventType<>("SessionRequested", Topics.SESSION_REQUESTED, SessionRequested.class);
    public static final EventType<SessionAcknowledged> SESSION_ACKNOWLEDGED =
            new EventType<>("SessionAcknowledged", Topics.SESSION_ACKNOWLEDGED, SessionAcknowledged.class);
    public static final EventType<SessionRejected> SESSION_REJECTED =
            new EventType<>("SessionRejected", Topics.SESSION_REJECTED, SessionRejected.class);
    public static final EventType<SessionStarted> SESSION_STARTED =
            new EventType<>("SessionStarted", Topics.SESSION_STARTED, SessionStarted.class);
    public static final EventType<SessionEnded> SESSION_ENDED =
            new EventType<>("SessionEnded", Topics.SESSION_ENDED, SessionEnded.class);
    public static final EventType<NotificationIssued> NOTIFICATION_ISSUED =
            new EventType<>("NotificationIssued", Topics.NOTIFICATION_ISSUED, NotificationIssued.class);
    public static final EventType<DeviceSnapshot> DEVICE_REGISTERED =
            new EventType<>("DeviceRegistered", Topics.DEVICES, DeviceSnapshot.class);
    public static final EventType<DeviceSnapshot> DEVICE_RETIRED =
            new EventType<>("DeviceRetired", Topics.DEVICES, DeviceSnapshot.class);

    public static final List<EventType<?>> ALL = List.of(SESSION_REQUESTED, SESSION_ACKNOWLEDGED, SESSION_REJECTED,
            SESSION_STARTED, SESSION_ENDED, NOTIFICATION_ISSUED, DEVICE_REGISTERED, DEVICE_RETIRED);
}
