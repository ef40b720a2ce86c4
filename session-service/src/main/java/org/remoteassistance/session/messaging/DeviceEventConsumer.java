package org.remoteassistance.session.messaging;

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
import org.remoteassistance.session.service.DeviceReadModel;
import org.remoteassistance.support.inbox.IncomingEvents;
import org.remoteassistance.support.shutdown.Drained;

/** Keeps the device read model from the compacted devices topic, which carries two event types. */
@ApplicationScoped
@Drained
public class DeviceEventConsumer {

    static final String DEVICES = "devices";

    @Inject
    IncomingEvents incoming;

    @Inject
    DeviceReadModel readModel;

    @Incoming(DEVICES)
    @Blocking
    public void onDeviceEvent(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            // a tombstone only tells compaction to drop the key; there is no snapshot to apply
            return;
        }
        EventType<DeviceSnapshot> type = typeOf(record);
        CloudEvent<DeviceSnapshot> event = incoming.decode(type, record);
        incoming.retryingPassingFailures(type, record, () -> readModel.apply(event));
    }

    /**
     * DeviceRetired when the record says so (ce_type header, or type in a structured event); otherwise
     * DeviceRegistered, whose decoding then names whatever else the record is.
     */
    private static EventType<DeviceSnapshot> typeOf(ConsumerRecord<String, String> record) {
        return EventType.DEVICE_RETIRED.name().equals(declaredType(record)) ? EventType.DEVICE_RETIRED
                : EventType.DEVICE_REGISTERED;
    }

    private static String declaredType(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader(CloudEventCodec.HEADER_TYPE);
        if (header != null && header.value() != null) {
            return new String(header.value(), StandardCharsets.UTF_8);
        }
        try {
            JsonNode type = CloudEventCodec.json().readTree(record.value()).get("type");
            return type == null ? null : type.asText();
        } catch (Exception e) {
            return null;
        }
    }
}
