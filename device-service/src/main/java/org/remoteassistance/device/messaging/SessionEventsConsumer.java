package org.remoteassistance.device.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.remoteassistance.device.domain.RemoteAssistanceStatus;
import org.remoteassistance.device.domain.SessionProgress;
import org.remoteassistance.device.service.DeviceInventory;
import org.remoteassistance.device.service.RemoteAssistanceTracker;
import org.remoteassistance.events.EventType;
import org.remoteassistance.support.inbox.EventHandlers;
import org.remoteassistance.support.inbox.EventPipeline;
import org.remoteassistance.support.shutdown.Drained;

/**
 * Reads the session events that move a device's remote assistance overview, from the six topics that carry them, a
 * poll's worth at a time through the {@link EventPipeline}. Decoding holds each event to the contract, as every
 * consumer does: known reasons only, nothing dated in the future (one event dated far ahead would otherwise pass for
 * the device's newest session and hide every later one). An event that cannot be read, checked or applied is
 * dead-lettered with the reason.
 */
@ApplicationScoped
@Drained
public class SessionEventsConsumer {

    public static final String SESSION_EVENTS = "session-events";

    @Inject
    EventPipeline pipeline;

    @Inject
    RemoteAssistanceTracker tracker;

    @Inject
    DeviceInventory inventory;

    private EventHandlers handlers;

    @PostConstruct
    void handlers() {
        handlers = new EventHandlers()
                .on(EventType.SESSION_REQUESTED, event -> tracker.record(event.id(), SessionProgress.requested(
                        event.data().sessionId(), event.data().deviceId(), event.data().requestedAt())))
                // the data has no acknowledgement time; the event's time is when the connector published it
                .on(EventType.SESSION_ACKNOWLEDGED, event -> tracker.record(event.id(), SessionProgress.acknowledged(
                        event.data().sessionId(), event.data().deviceId(), event.time())))
                .on(EventType.SESSION_REJECTED, event -> tracker.record(event.id(), SessionProgress.rejected(
                        event.data().sessionId(), event.data().deviceId(), event.data().reason(),
                        event.data().rejectedAt())))
                .on(EventType.SESSION_STARTED, event -> tracker.record(event.id(), SessionProgress.started(
                        event.data().sessionId(), event.data().deviceId(), event.data().startedAt())))
                // the contract allows ENDED and EXPIRED only
                .on(EventType.SESSION_ENDED, event -> tracker.record(event.id(), SessionProgress.ended(
                        event.data().sessionId(), event.data().deviceId(),
                        RemoteAssistanceStatus.valueOf(event.data().status()), event.data().reason(),
                        event.data().endedAt())))
                .on(EventType.NOTIFICATION_ISSUED, event -> tracker.record(event.id(), SessionProgress.notified(
                        event.data().sessionId(), event.data().deviceId(), event.data().issuedAt())))
                // another system's report of a device's compliance (its source allowed on the topic)
                .on(EventType.DEVICE_COMPLIANCE_CHANGED, inventory::complianceChanged);
    }

    @Incoming(SESSION_EVENTS)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return pipeline.consume(batch, handlers);
    }
}
