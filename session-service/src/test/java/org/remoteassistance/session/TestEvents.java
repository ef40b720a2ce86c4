package org.remoteassistance.session;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.DeviceSnapshot;
import org.remoteassistance.events.EventData;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.SessionAcknowledged;
import org.remoteassistance.events.Topics;
import org.remoteassistance.testing.Barriers;
import org.remoteassistance.testing.KafkaTestClient;

/** What the tests do as the other services would: publish their events, read ours, call the API. */
final class TestEvents {

    /** Generous: the first test of a run also waits for the consumers to join their group. */
    static final Duration WAIT = Duration.ofSeconds(60);

    private final String kafka;

    TestEvents(String kafka) {
        this.kafka = kafka;
    }

    /** Publishes the event in binary mode, as any Kafka client can. */
    <T extends EventData> CloudEvent<T> publish(EventType<T> type, T data) {
        CloudEvent<T> event = new CloudEvent<>(UUID.randomUUID().toString(), type, "/test-publisher", Instant.now(),
                CloudEventCodec.SCHEMA_VERSION, data);
        publish(event);
        return event;
    }

    void publish(CloudEvent<?> event) {
        KafkaTestClient.publish(kafka, event.type().topic(), event.key(), CloudEventCodec.dataJson(event.data()),
                CloudEventCodec.binaryHeaders(event));
    }

    void publishRaw(String topic, String key, String value, Map<String, String> headers) {
        KafkaTestClient.publish(kafka, topic, key, value, headers);
    }

    /** A device device-service has registered; this service learns of it from the devices topic. */
    UUID registeredDevice() {
        UUID deviceId = UUID.randomUUID();
        publish(EventType.DEVICE_REGISTERED, device(deviceId, false, Instant.now()));
        return deviceId;
    }

    void retire(UUID deviceId) {
        publish(EventType.DEVICE_RETIRED, device(deviceId, true, Instant.now()));
    }

    static DeviceSnapshot device(UUID deviceId, boolean retired, Instant changedAt) {
        return new DeviceSnapshot(deviceId, "Laptop " + deviceId.toString().substring(0, 8), "WINDOWS", "11",
                "SN-" + deviceId.toString().substring(0, 8), "jane@example.com", retired, changedAt);
    }

    /** Requests a session once the device has reached this service's read model; answers the 202. */
    static Response requestWhenKnown(UUID deviceId) {
        return requestWhenKnown(deviceId, Map.of());
    }

    static Response requestWhenKnown(UUID deviceId, Map<String, String> headers) {
        return requestWhenKnown(deviceId, headers, Map.of());
    }

    /** With more fields of the request's body than the device. */
    static Response requestWhenKnown(UUID deviceId, Map<String, String> headers, Map<String, Object> fields) {
        Map<String, Object> body = new java.util.HashMap<>(fields);
        body.put("deviceId", deviceId.toString());
        Response[] last = new Response[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = given().contentType(ContentType.JSON).headers(headers).body(body).post("/api/sessions");
            return last[0].statusCode() != 404;
        });
        return last[0];
    }

    static String sessionId(Response response) {
        return response.then().statusCode(202).extract().path("id");
    }

    /** The connector acknowledges the session, as connector-service would; waits until it shows. */
    SessionAcknowledged acknowledge(String sessionId, UUID deviceId) {
        SessionAcknowledged acknowledged = acknowledgement(sessionId, deviceId);
        publish(EventType.SESSION_ACKNOWLEDGED, acknowledged);
        awaitStatus(sessionId, "ACKNOWLEDGED");
        return acknowledged;
    }

    static SessionAcknowledged acknowledgement(String sessionId, UUID deviceId) {
        String code = "s" + Math.abs(sessionId.hashCode() % 100) + "-123-456";
        return new SessionAcknowledged(UUID.fromString(sessionId), deviceId, "teamviewer", code,
                "https://get.teamviewer.com/" + code + "/supporter", "https://get.teamviewer.com/" + code,
                Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    static void awaitStatus(String sessionId, String status) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(
                () -> status.equals(given().get("/api/sessions/" + sessionId).path("status")));
    }

    /** Reads one of our topics like another service would: the records of this session (its key). */
    List<ConsumerRecord<String, String>> awaitOn(String topic, String key, int count) {
        return KafkaTestClient.await(kafka, topic, record -> key.equals(record.key()), count, WAIT);
    }

    <T extends EventData> T awaitOne(EventType<T> type, String key) {
        List<ConsumerRecord<String, String>> records = awaitOn(type.topic(), key, 1);
        if (records.isEmpty()) {
            throw new AssertionError("no " + type.name() + " for " + key + " on " + type.topic());
        }
        ConsumerRecord<String, String> record = records.get(0);
        return CloudEventCodec.decode(type, record.headers(), record.value()).data();
    }

    /** The first {@code count} events of the type with this key, in the order they were published. */
    <T extends EventData> List<T> awaitAll(EventType<T> type, String key, int count) {
        List<ConsumerRecord<String, String>> records = awaitOn(type.topic(), key, count);
        if (records.size() < count) {
            throw new AssertionError(records.size() + " " + type.name() + " for " + key + ", not " + count);
        }
        return records.stream().limit(count)
                .map(record -> CloudEventCodec.decode(type, record.headers(), record.value()).data()).toList();
    }

    /** How many records with this key the topic has, once there is one and everything committed is published. */
    int countOn(String topic, String key) {
        if (awaitOn(topic, key, 1).isEmpty()) {
            return 0;
        }
        return publishedOn(topic, key).size();
    }

    /** The dead-lettered records with this key, waiting for at least one. */
    List<ConsumerRecord<String, String>> awaitDeadLetter(String key) {
        return awaitOn(Topics.DEAD_LETTER, key, 1);
    }

    /**
     * Nothing with this key on the topic, once everything this service committed is published: call it after the
     * command's answer or after {@link #awaitProcessed} of the input event.
     */
    boolean nothingOn(String topic, String key) {
        return publishedOn(topic, key).isEmpty();
    }

    /** The event went through this service's consumer: the inbox records it with its effect, or with none. */
    static void awaitProcessed(String eventId) {
        Barriers.awaitProcessed(dataSource(), eventId);
    }

    private List<ConsumerRecord<String, String>> publishedOn(String topic, String key) {
        Barriers.awaitOutboxDrained(dataSource());
        return KafkaTestClient.readToEnd(kafka, topic, record -> key.equals(record.key()));
    }

    private static DataSource dataSource() {
        return Arc.container().instance(DataSource.class).get();
    }
}
