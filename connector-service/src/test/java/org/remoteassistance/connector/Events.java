package org.remoteassistance.connector;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.EventData;
import org.remoteassistance.events.EventType;
import org.remoteassistance.testing.KafkaTestClient;

/** Publishes and reads events as another service would, for the connector's tests. */
final class Events {

    private Events() {
    }

    static <T extends EventData> CloudEvent<T> event(EventType<T> type, T data) {
        return new CloudEvent<>(UUID.randomUUID().toString(), type, "/connector-test", Instant.now(),
                CloudEventCodec.SCHEMA_VERSION, data);
    }

    /** Publishes in binary mode, as SmallRye and the outbox relay do. */
    static void publish(String kafka, CloudEvent<?> event) {
        KafkaTestClient.publish(kafka, event.type().topic(), event.key(), CloudEventCodec.dataJson(event.data()),
                CloudEventCodec.binaryHeaders(event));
    }

    static List<ConsumerRecord<String, String>> await(String kafka, String topic, UUID key, int count,
            Duration timeout) {
        return KafkaTestClient.await(kafka, topic, record -> key.toString().equals(record.key()), count, timeout);
    }

    /** What is on the topic for the key now; after a {@link org.remoteassistance.testing.Barriers barrier}. */
    static List<ConsumerRecord<String, String>> published(String kafka, String topic, UUID key) {
        return KafkaTestClient.readToEnd(kafka, topic, record -> key.toString().equals(record.key()));
    }

    static JsonNode data(ConsumerRecord<String, String> record) {
        try {
            return CloudEventCodec.json().readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + record.value(), e);
        }
    }

    /** Waits for a condition the service reaches asynchronously. */
    static void eventually(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what);
            }
        }
    }
}
