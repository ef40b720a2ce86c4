package org.remoteassistance.device.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.remoteassistance.device.domain.RemoteAssistanceStatus;
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
import org.remoteassistance.support.shutdown.Drained;

/**
 * Reads the session events that move a device's remote assistance overview, one channel per topic. Decoding holds each
 * event to the contract, as every consumer does: known reasons only, nothing dated in the future (one event dated far
 * ahead would otherwise pass for the device's newest session and hide every later one). An event that cannot be read,
 * checked or applied is thrown back, and the channel's dead-letter strategy moves it aside with the reason.
 */
@ApplicationScoped
@Drained
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
        // the contract allows ENDED and EXPIRED only
        RemoteAssistanceStatus status = RemoteAssistanceStatus.valueOf(data.status());
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
        try {
            incoming.retryingPassingFailures(event.type(), record, () -> tracker.record(event, progress));
        } catch (InvalidEventException e) {
            throw incoming.rejected(event.type(), record, e);
        }
    }
}
