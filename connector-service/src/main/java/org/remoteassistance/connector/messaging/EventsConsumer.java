package org.remoteassistance.connector.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.remoteassistance.connector.service.PartnerSessionWorkflow;
import org.remoteassistance.events.EventType;
import org.remoteassistance.support.devices.KnownDevices;
import org.remoteassistance.support.inbox.EventHandlers;
import org.remoteassistance.support.inbox.EventPipeline;
import org.remoteassistance.support.shutdown.Drained;

/**
 * The device snapshots of the compacted devices topic (the device read model) and {@code SessionEnded} (ended or
 * expired: the partner session is closed and its code dies), a poll's worth at a time through the
 * {@link EventPipeline}. Decoding refuses a snapshot dated in the future (it would freeze the device) or contradicting
 * its type, and lets through only the ends the contract names. Session requests, which wait for these, are consumed
 * on a channel of their own ({@link SessionRequestedConsumer}).
 */
@ApplicationScoped
@Drained
public class EventsConsumer {

    static final String EVENTS = "events";

    @Inject
    EventPipeline pipeline;

    @Inject
    KnownDevices devices;

    @Inject
    PartnerSessionWorkflow workflow;

    private EventHandlers handlers;

    @PostConstruct
    void handlers() {
        handlers = new EventHandlers()
                .on(EventType.DEVICE_REGISTERED, devices::apply)
                .on(EventType.DEVICE_UPDATED, devices::apply)
                .on(EventType.DEVICE_RETIRED, devices::apply)
                .on(EventType.SESSION_ENDED, workflow::ended);
    }

    @Incoming(EVENTS)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return pipeline.consume(batch, handlers);
    }
}
