package org.remoteassistance.notification;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.hibernate.orm.panache.Panache;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.DeviceSnapshot;
import org.remoteassistance.events.EventData;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.SessionAcknowledged;
import org.remoteassistance.events.SessionEnded;
import org.remoteassistance.testing.KafkaTestClient;

/** Events as other services publish them, through a plain Kafka client. */
final class TestEvents {

    private TestEvents() {
    }

    static <T extends EventData> CloudEvent<T> event(EventType<T> type, T data) {
        return new CloudEvent<>(UUID.randomUUID().toString(), type, "/test-publisher", Instant.now(),
                CloudEventCodec.SCHEMA_VERSION, data);
    }

    static SessionAcknowledged acknowledged(UUID sessionId, UUID deviceId, String code) {
        return new SessionAcknowledged(sessionId, deviceId, "teamviewer", code,
                "https://get.teamviewer.example/supporter/" + code,
                "https://get.teamviewer.example/customer/" + code, Instant.now().plus(1, ChronoUnit.HOURS));
    }

    static SessionEnded ended(UUID sessionId, UUID deviceId, String reason) {
        return new SessionEnded(sessionId, deviceId, "ENDED", reason, Instant.now());
    }

    static DeviceSnapshot device(UUID deviceId, String platform, Instant changedAt) {
        return new DeviceSnapshot(deviceId, "device-" + deviceId, platform, "1", "SN-" + deviceId,
                "user@example.com", false, changedAt);
    }

    /** Binary mode: {@code ce_*} headers and the data as the value, as SmallRye and the outbox relay write it. */
    static void publishBinary(String kafka, CloudEvent<?> event) {
        KafkaTestClient.publish(kafka, event.type().topic(), event.key(), CloudEventCodec.dataJson(event.data()),
                CloudEventCodec.binaryHeaders(event));
    }

    /** Structured mode: the whole event as one JSON document. */
    static void publishStructured(String kafka, CloudEvent<?> event) {
        KafkaTestClient.publish(kafka, event.type().topic(), event.key(), CloudEventCodec.structured(event),
                Map.of(CloudEventCodec.HEADER_CONTENT_TYPE, CloudEventCodec.STRUCTURED_CONTENT_TYPE));
    }

    /** Whether this service has consumed the event (its inbox row committed with the effect). */
    static boolean processed(CloudEvent<?> event) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Panache.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM processed_event WHERE event_id = :id")
                .setParameter("id", event.id()).getSingleResult()).longValue() == 1);
    }
}
