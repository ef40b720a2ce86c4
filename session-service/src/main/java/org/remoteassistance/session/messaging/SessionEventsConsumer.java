package org.remoteassistance.session.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.EventData;
import org.remoteassistance.events.EventType;
import org.remoteassistance.session.config.SessionSettings;
import org.remoteassistance.session.service.ConsumedSessionEvents;
import org.remoteassistance.session.service.SessionNotFoundException;
import org.remoteassistance.support.devices.KnownDevices;
import org.remoteassistance.support.inbox.EventHandlers;
import org.remoteassistance.support.inbox.EventNotYetApplicable;
import org.remoteassistance.support.inbox.EventPipeline;
import org.remoteassistance.support.shutdown.Drained;

/**
 * Consumes the events of the other services, a poll's worth at a time through the {@link EventPipeline}, on two
 * channels: requests published by any system and the device snapshots on one; on the other, what happens to a session
 * afterwards. An acknowledgement, rejection or notification of a session this service does not have yet waits up to
 * {@code unknown-session-grace} for its request, which therefore travels on the first channel. A record that cannot be
 * read, breaks the contract (decoding holds it to {@link org.remoteassistance.events.EventRules}, as every consumer
 * does) or names a session that never came is dead-lettered with the reason; the consumer goes on with the next one.
 */
@ApplicationScoped
@Drained
public class SessionEventsConsumer {

    static final String REQUESTS = "requests";
    static final String SESSION_EVENTS = "session-events";

    @Inject
    EventPipeline pipeline;

    @Inject
    ConsumedSessionEvents consumed;

    @Inject
    KnownDevices devices;

    @Inject
    SessionSettings settings;

    private EventHandlers requests;
    private EventHandlers sessionEvents;

    @PostConstruct
    void handlers() {
        requests = new EventHandlers()
                // our own requests are stored already and change nothing; another publisher's are taken in
                .on(EventType.SESSION_REQUESTED, consumed::requested)
                .on(EventType.DEVICE_REGISTERED, devices::apply)
                .on(EventType.DEVICE_UPDATED, devices::apply)
                .on(EventType.DEVICE_RETIRED, devices::apply);
        sessionEvents = new EventHandlers()
                .on(EventType.SESSION_ACKNOWLEDGED, ofKnownSession(consumed::acknowledged))
                .on(EventType.SESSION_REJECTED, ofKnownSession(consumed::rejected))
                .on(EventType.NOTIFICATION_ISSUED, ofKnownSession(consumed::notified))
                .awaiting(settings.unknownSessionGrace());
    }

    @Incoming(REQUESTS)
    @Blocking
    public CompletionStage<Void> consumeRequests(KafkaRecordBatch<String, String> batch) {
        return pipeline.consume(batch, requests);
    }

    @Incoming(SESSION_EVENTS)
    @Blocking
    public CompletionStage<Void> consumeSessionEvents(KafkaRecordBatch<String, String> batch) {
        return pipeline.consume(batch, sessionEvents);
    }

    /** Its SessionRequested, on another topic, may still be on its way. */
    private static <T extends EventData> Consumer<CloudEvent<T>> ofKnownSession(Consumer<CloudEvent<T>> effect) {
        return event -> {
            try {
                effect.accept(event);
            } catch (SessionNotFoundException e) {
                throw new EventNotYetApplicable("unknown session " + e.sessionId());
            }
        };
    }
}
