package org.remoteassistance.notification.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.DeviceSnapshot;
import org.remoteassistance.events.EventType;
import org.remoteassistance.notification.service.DeviceDirectory;
import org.remoteassistance.support.inbox.IncomingEvents;
import org.remoteassistance.support.shutdown.Drained;

/** The devices topic carries two event types with the same snapshot; both keep the platform read model current. */
@ApplicationScoped
@Drained
public class DeviceEventsConsumer {

    @Inject
    IncomingEvents incoming;

    @Inject
    EventProcessing processing;

    @Inject
    DeviceDirectory devices;

    @Incoming(Channels.DEVICES)
    @Blocking
    public void onDevice(ConsumerRecord<String, String> record) {
        EventType<DeviceSnapshot> type = EventType.DEVICE_RETIRED.name().equals(typeOf(record))
                ? EventType.DEVICE_RETIRED
                : EventType.DEVICE_REGISTERED;
        // another type, an unknown platform or a snapshot from the future: refused by the decoder, dead-lettered
        CloudEvent<DeviceSnapshot> event = incoming.decode(type, record);
        processing.apply(type, record, () -> devices.apply(event));
    }

    /** The CloudEvents type, from the binary-mode header or the structured-mode body; null when neither says. */
    private static String typeOf(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader(CloudEventCodec.HEADER_TYPE);
        if (header != null && header.value() != null) {
            return new String(header.value(), StandardCharsets.UTF_8);
        }
        if (record.value() == null) {
            return null;
        }
        try {
            JsonNode type = CloudEventCodec.json().readTree(record.value()).get("type");
            return type == null ? null : type.asText();
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
