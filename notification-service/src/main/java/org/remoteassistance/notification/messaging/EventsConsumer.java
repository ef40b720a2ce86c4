package org.remoteassistance.notification.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.remoteassistance.events.EventType;
import org.remoteassistance.notification.service.CompanyPortalNotifications;
import org.remoteassistance.support.devices.KnownDevices;
import org.remoteassistance.support.inbox.EventHandlers;
import org.remoteassistance.support.inbox.EventPipeline;
import org.remoteassistance.support.shutdown.Drained;

/**
 * Reads what notifies a device and what withdraws its notification, and the device snapshots that tell its platform,
 * a poll's worth at a time through the {@link EventPipeline}. Decoding holds each event to the contract, as every
 * consumer does, before it acts: a session code of code characters (it is written into the instructions), only
 * http(s) links a Company Portal may open (never {@code javascript:} or {@code file:}), only the statuses and reasons
 * of a real end. One that fails is dead-lettered with the reason.
 */
@ApplicationScoped
@Drained
public class EventsConsumer {

    public static final String EVENTS = "events";

    @Inject
    EventPipeline pipeline;

    @Inject
    CompanyPortalNotifications notifications;

    @Inject
    KnownDevices devices;

    private EventHandlers handlers;

    @PostConstruct
    void handlers() {
        // the devices topic carries two event types with the same snapshot; both keep the platform read model current
        handlers = new EventHandlers()
                .on(EventType.SESSION_ACKNOWLEDGED, notifications::issue)
                .on(EventType.SESSION_ENDED, notifications::withdraw)
                .on(EventType.NOTIFICATION_RESEND_REQUESTED, notifications::resend)
                .on(EventType.DEVICE_REGISTERED, devices::apply)
                .on(EventType.DEVICE_UPDATED, devices::apply)
                .on(EventType.DEVICE_RETIRED, devices::apply);
    }

    @Incoming(EVENTS)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return pipeline.consume(batch, handlers);
    }
}
