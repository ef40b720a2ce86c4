package org.remoteassistance.notification.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.SessionAcknowledged;
import org.remoteassistance.events.SessionEnded;
import org.remoteassistance.notification.service.CompanyPortalNotifications;
import org.remoteassistance.support.inbox.IncomingEvents;
import org.remoteassistance.support.shutdown.Drained;

/**
 * Session events from any publisher: an acknowledged session notifies its device, an ended one withdraws that.
 * Decoding holds each to the contract, as every consumer does, before it acts: a session code of code characters
 * (it is written into the instructions), only http(s) links a Company Portal may open (never {@code javascript:} or
 * {@code file:}), only the statuses and reasons of a real end. One that fails is dead-lettered.
 */
@ApplicationScoped
@Drained
public class SessionEventsConsumer {

    @Inject
    IncomingEvents incoming;

    @Inject
    EventProcessing processing;

    @Inject
    CompanyPortalNotifications notifications;

    /**
     * Served {@code smallrye.messaging.worker.acknowledgements.max-concurrency} at once, on a worker pool of its own:
     * each waits on the database, and acknowledgements need no order among themselves (a redelivery meeting its
     * original, or an end arriving meanwhile, is settled by the inbox and the per-session advisory lock); Kafka offsets
     * are committed only up to the oldest one still being served.
     */
    @Incoming(Channels.SESSION_ACKNOWLEDGED)
    @Blocking(value = "acknowledgements", ordered = false)
    public void onAcknowledged(ConsumerRecord<String, String> record) {
        CloudEvent<SessionAcknowledged> event = incoming.decode(EventType.SESSION_ACKNOWLEDGED, record);
        processing.apply(EventType.SESSION_ACKNOWLEDGED, record, () -> notifications.issue(event));
    }

    @Incoming(Channels.SESSION_ENDED)
    @Blocking
    public void onEnded(ConsumerRecord<String, String> record) {
        CloudEvent<SessionEnded> event = incoming.decode(EventType.SESSION_ENDED, record);
        processing.apply(EventType.SESSION_ENDED, record, () -> notifications.withdraw(event));
    }
}
