package org.remoteassistance.session.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.EventData;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.SessionRequested;
import org.remoteassistance.events.InvalidEventException;
import org.remoteassistance.session.config.SessionSettings;
import org.remoteassistance.session.service.ConsumedSessionEvents;
import org.remoteassistance.session.service.SessionNotFoundException;
import org.remoteassistance.session.service.SessionRequests;
import org.remoteassistance.support.inbox.EventArrivals;
import org.remoteassistance.support.inbox.IncomingEvents;
import org.remoteassistance.support.shutdown.Drained;

/**
 * Consumes the session events of the other services. A record that cannot be read or breaks the contract (decoding
 * holds it to {@link org.remoteassistance.events.EventRules}, as every consumer does), or names a session this service
 * does not have (after waiting {@code unknown-session-grace} for it), is dead-lettered with the reason; the consumer
 * goes on with the next one.
 */
@ApplicationScoped
@Drained
public class SessionEventConsumer {

    static final String SESSION_REQUESTED = "session-requested";
    static final String SESSION_ACKNOWLEDGED = "session-acknowledged";
    static final String SESSION_REJECTED = "session-rejected";
    static final String NOTIFICATION_ISSUED = "notification-issued";

    @Inject
    IncomingEvents incoming;

    @Inject
    SessionRequests requests;

    @Inject
    ConsumedSessionEvents consumed;

    @Inject
    SessionSettings settings;

    @Inject
    EventArrivals arrivals;

    @Incoming(SESSION_REQUESTED)
    @Blocking
    public void onSessionRequested(ConsumerRecord<String, String> record) {
        CloudEvent<SessionRequested> event = incoming.decode(EventType.SESSION_REQUESTED, record);
        incoming.retryingPassingFailures(event.type(), record, () -> requests.requestedElsewhere(event));
    }

    @Incoming(SESSION_ACKNOWLEDGED)
    @Blocking
    public void onSessionAcknowledged(ConsumerRecord<String, String> record) {
        apply(EventType.SESSION_ACKNOWLEDGED, record, consumed::acknowledged);
    }

    @Incoming(SESSION_REJECTED)
    @Blocking
    public void onSessionRejected(ConsumerRecord<String, String> record) {
        apply(EventType.SESSION_REJECTED, record, consumed::rejected);
    }

    @Incoming(NOTIFICATION_ISSUED)
    @Blocking
    public void onNotificationIssued(ConsumerRecord<String, String> record) {
        apply(EventType.NOTIFICATION_ISSUED, record, consumed::notified);
    }

    private <T extends EventData> void apply(EventType<T> type, ConsumerRecord<String, String> record,
            Consumer<CloudEvent<T>> effect) {
        CloudEvent<T> event = incoming.decode(type, record);
        Instant giveUp = Instant.now().plus(settings.unknownSessionGrace());
        while (true) {
            long seen = arrivals.seen();
            try {
                incoming.retryingPassingFailures(type, record, () -> effect.accept(event));
                return;
            } catch (SessionNotFoundException e) {
                if (Instant.now().isAfter(giveUp)) {
                    throw incoming.rejected(type, record,
                            new InvalidEventException("unknown session " + e.sessionId()));
                }
                // its SessionRequested, on another topic, may still be on its way: look again once one is applied
                arrivals.awaitAfter(seen, giveUp);
            } catch (InvalidEventException e) {
                throw incoming.rejected(type, record, e);
            }
        }
    }

}
