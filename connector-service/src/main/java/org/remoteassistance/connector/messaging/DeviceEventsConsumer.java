package org.remoteassistance.connector.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.remoteassistance.connector.service.DeviceReadModel;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.DeviceSnapshot;
import org.remoteassistance.events.EventType;
import org.remoteassistance.support.inbox.IncomingEvents;
import org.remoteassistance.support.shutdown.Drained;

/** {@code DeviceRegistered} / {@code DeviceRetired} from the compacted devices topic: the device read model. */
@ApplicationScoped
@Drained
public class DeviceEventsConsumer {

    @Inject
    IncomingEvents events;

    @Inject
    DeviceReadModel devices;

    @Incoming(Channels.DEVICES)
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            // a compaction tombstone: device-service never writes one, and there is nothing to apply
            return;
        }
        EventType<DeviceSnapshot> type = EventType.DEVICE_RETIRED.name().equals(typeOf(record))
                ? EventType.DEVICE_RETIRED
                : EventType.DEVICE_REGISTERED;
        // decoding refuses a snapshot dated in the future (it would freeze the device) or contradicting its type
        CloudEvent<DeviceSnapshot> event = events.decode(type, record);
        events.retryingPassingFailures(type, record, () -> devices.apply(event));
    }

    /** Both event types share the topic: the type is in the {@code ce_type} header, or in a structured event. */
    private static String typeOf(ConsumerRecord<String, String> record) {
        var header = record.headers().lastHeader(CloudEventCodec.HEADER_TYPE);
        if (header != null && header.value() != null) {
            return new String(header.value(), StandardCharsets.UTF_8);
        }
        try {
            JsonNode type = CloudEventCodec.json().readTree(record.value()).get("type");
            return type == null ? null : type.asText();
        } catch (Exception e) {
            return null; // decoding will name what is wrong with it
        }
    }
}
