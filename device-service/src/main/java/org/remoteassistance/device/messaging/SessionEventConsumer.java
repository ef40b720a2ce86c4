package org.remoteassistance.device.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.remoteassistance.device.config.DeviceSettings;
import org.remoteassistance.device.domain.RemoteAssistanceStatus;
import org.remoteassistance.device.domain.SessionReasons;
import org.remoteassistance.device.domain.SessionProgress;
import org.remoteassistance.device.service.RemoteAssistanceTracker;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.EventData;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.InvalidEventException;
import org.remoteassistance.events.NotificationIssued;
import org.remoteassistance.events.SessionAcknowledged;
import org.remoteassistance.events.SessionEnded;
import org.remoteassistance.events.SessionRejected;
import org.remoteassistance.events.SessionRequested;
import org.remoteassistance.events.SessionStarted;
import org.remoteassistance.support.inbox.IncomingEvents;

/**
 * Reads the session events that move a device's remote assistance overview, one channel per topic. Beyond what the
 * event contracts check, an event must name a known reason and must not be dated in the future. An event that cannot
 * be read, checked or applied is thrown back, and the channel's dead-letter strategy moves it aside with the reason.
 */
@ApplicationScoped
public class SessionEventConsumer {

    public static final String SESSION_REQUESTED = "session-requested";
    public static final String SESSION_ACKNOWLEDGED = "session-acknowledged";
    public static final String SESSION_REJECTED = "session-rejected";
    public static final String SESSION_STARTED = "session-started";
    public static final String SESSION_ENDED = "session-ended";
    public static final String NOTIFICATION_ISSUED = "notification-issued";

    @Inject
    IncomingEvents incoming;

    @Inject
    RemoteAssistanceTracker tracker;

    @Inject
    DeviceSettings settings;

    @Incoming(SESSION_REQUESTED)
    @Blocking
    public void onSessionRequested(ConsumerRecord<String, String> record) {
        CloudEvent<SessionRequested> event = incoming.decode(EventType.SESSION_REQUESTED, record);
        SessionRequested data = event.data();
        record(record, event, SessionProgress.requested(data.sessionId(), data.deviceId(), data.requestedAt()));
    }

    @Incoming(SESSION_ACKNOWLEDGED)
    @Blocking
    public void onSessionAcknowledged(ConsumerRecord<String, String> record) {
        CloudEvent<SessionAcknowledged> event = incoming.decode(EventType.SESSION_ACKNOWLEDGED, record);
        SessionAcknowledged data = event.data();
        // the data has no acknowledgement time; the event's time is when the connector published it
        record(record, event, SessionProgress.acknowledged(data.sessionId(), data.deviceId(), event.time()));
    }

    @Incoming(SESSION_REJECTED)
    @Blocking
    public void onSessionRejected(ConsumerRecord<String, String> record) {
        CloudEvent<SessionRejected> event = incoming.decode(EventType.SESSION_REJECTED, record);
        SessionRejected data = event.data();
        requireKnown(record, event, "reason", data.reason(), SessionReasons.REJECTED);
        record(record, event,
                SessionProgress.rejected(data.sessionId(), data.deviceId(), data.reason(), data.rejectedAt()));
    }

    @Incoming(SESSION_STARTED)
    @Blocking
    public void onSessionStarted(ConsumerRecord<String, String> record) {
        CloudEvent<SessionStarted> event = incoming.decode(EventType.SESSION_STARTED, record);
        SessionStarted data = event.data();
        record(record, event, SessionProgress.started(data.sessionId(), data.deviceId(), data.startedAt()));
    }

    @Incoming(SESSION_ENDED)
    @Blocking
    public void onSessionEnded(ConsumerRecord<String, String> record) {
        CloudEvent<SessionEnded> event = incoming.decode(EventType.SESSION_ENDED, record);
        SessionEnded data = event.data();
        RemoteAssistanceStatus status = endStatus(data.status()).orElseThrow(() -> incoming.rejected(
                EventType.SESSION_ENDED, record, new InvalidEventException(
                        "data.status must be ENDED or EXPIRED, not " + abbreviated(data.status()))));
        requireKnown(record, event, "reason", data.reason(), SessionReasons.ENDED);
        record(record, event,
                SessionProgress.ended(data.sessionId(), data.deviceId(), status, data.reason(), data.endedAt()));
    }

    @Incoming(NOTIFICATION_ISSUED)
    @Blocking
    public void onNotificationIssued(ConsumerRecord<String, String> record) {
        CloudEvent<NotificationIssued> event = incoming.decode(EventType.NOTIFICATION_ISSUED, record);
        NotificationIssued data = event.data();
        record(record, event, SessionProgress.notified(data.sessionId(), data.deviceId(), data.issuedAt()));
    }

    private <T extends EventData> void record(ConsumerRecord<String, String> record, CloudEvent<T> event,
            SessionProgress progress) {
        Instant latest = Instant.now().plus(settings.sessionEvents().maxClockSkew());
        if (progress.at().isAfter(latest)) {
            throw incoming.rejected(event.type(), record, new InvalidEventException(
                    "time " + progress.at() + " is in the future (later than " + latest + ")"));
        }
        try {
            incoming.retryingPassingFailures(event.type(), record, () -> tracker.record(event, progress));
        } catch (InvalidEventException e) {
            throw incoming.rejected(event.type(), record, e);
        }
    }

    private void requireKnown(ConsumerRecord<String, String> record, CloudEvent<?> event, String field, String value,
            List<String> known) {
        if (!known.contains(value)) {
            throw incoming.rejected(event.type(), record, new InvalidEventException(
                    "data." + field + " must be one of " + String.join(", ", known) + ", not " + abbreviated(value)));
        }
    }

    /** An unexpected value is quoted in the dead-letter reason, but never at any length. */
    private static String abbreviated(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }

    private static Optional<RemoteAssistanceStatus> endStatus(String status) {
        if (RemoteAssistanceStatus.ENDED.name().equals(status)) {
            return Optional.of(RemoteAssistanceStatus.ENDED);
        }
        if (RemoteAssistanceStatus.EXPIRED.name().equals(status)) {
            return Optional.of(RemoteAssistanceStatus.EXPIRED);
        }
        return Optional.empty();
    }
}
