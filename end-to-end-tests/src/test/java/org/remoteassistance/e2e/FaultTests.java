package org.remoteassistance.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.EventData;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.Topics;
import org.remoteassistance.testing.KafkaTestClient;

/**
 * What the fault tests share (they extend it): the running system (started once per test JVM) healed after each test,
 * and the checks that a fault lost or doubled nothing: every session reaches its state once, with one partner session,
 * one acknowledgement, one notification, and nothing left in an outbox.
 */
abstract class FaultTests {

    static final Duration WAIT = Duration.ofSeconds(90);
    /** The source of the events the tests publish themselves, to tell them from the services' own. */
    static final String TEST_SOURCE = "/fault-tests";

    static RunningSystem system;
    static Api api;
    static Databases databases;

    @BeforeAll
    static synchronized void startSystem() {
        if (system == null) {
            system = RunningSystem.get();
            api = new Api(system);
            databases = new Databases(system);
            api.connectConnector();
        }
    }

    /** Whatever a failed test left stopped or killed, the next test (and the other tests) get a whole system. */
    @AfterEach
    void heal() {
        system.heal();
    }

    /** Devices registered and known to the services that need them before a request flows. */
    static List<String> knownDevices(String label, int count) {
        return api.knownDevices(label, count, WAIT);
    }

    static void awaitAcknowledgedAndNotified(Map<String, String> sessions) {
        for (Map.Entry<String, String> session : sessions.entrySet()) {
            api.awaitAcknowledgedAndNotified(session.getKey(), WAIT);
            await().atMost(WAIT).ignoreExceptions().until(() ->
                    api.notifications(session.getValue()).path("items").size() >= 1);
        }
    }

    /**
     * One of everything per session: one partner session, one SessionRequested, one SessionAcknowledged and one
     * NotificationIssued event (counted by event id on the topics: a redelivered record is the same event), one
     * Company Portal notification.
     */
    static void assertExactlyOnce(Map<String, String> sessions) throws Exception {
        Set<String> ids = sessions.keySet();
        Map<String, List<String[]>> partner = databases.partnerSessions(ids);
        Map<String, List<String[]>> notifications = databases.notifications(ids);
        Predicate<ConsumerRecord<String, String>> fromServices = record -> !TEST_SOURCE.equals(
                TopicReader.header(record, CloudEventCodec.HEADER_SOURCE));
        Map<String, Long> requested = TopicReader.distinctEventsPerKey(TopicReader.readAll(system.kafka(),
                Topics.SESSION_REQUESTED).stream().filter(fromServices).toList(), ids);
        Map<String, Long> acknowledged = TopicReader.distinctEventsPerKey(TopicReader.readAll(system.kafka(),
                Topics.SESSION_ACKNOWLEDGED).stream().filter(fromServices).toList(), ids);
        Map<String, Long> issued = TopicReader.distinctEventsPerKey(TopicReader.readAll(system.kafka(),
                Topics.NOTIFICATION_ISSUED).stream().filter(fromServices).toList(), ids);
        for (Map.Entry<String, String> session : sessions.entrySet()) {
            String id = session.getKey();
            assertEquals(1, partner.getOrDefault(id, List.of()).size(), "partner sessions of " + id);
            assertEquals(1, notifications.getOrDefault(id, List.of()).size(), "notifications of " + id);
            assertEquals(1L, requested.getOrDefault(id, 0L), "SessionRequested events of " + id);
            assertEquals(1L, acknowledged.getOrDefault(id, 0L), "SessionAcknowledged events of " + id);
            assertEquals(1L, issued.getOrDefault(id, 0L), "NotificationIssued events of " + id);
            assertEquals(1, api.notifications(session.getValue()).path("items").size(),
                    "the Company Portal of " + session.getValue());
        }
    }

    /** The dead-letter reasons of the records keyed by one of these (sessions, markers). */
    static List<String> deadLetterReasons(Set<String> keys) {
        return TopicReader.readAll(system.kafka(), Topics.DEAD_LETTER).stream()
                .filter(record -> keys.contains(record.key()))
                .map(record -> TopicReader.header(record, "dead-letter-reason")).toList();
    }

    static void awaitOutboxesDrained() {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> databases.outboxRows().values().stream().allMatch(rows -> rows == 0));
    }

    static <T extends EventData> RecordMetadata publish(EventType<T> type, T data) {
        return publish(TEST_SOURCE, type, data);
    }

    /** Publishes as another service would: counted with the services' own events. */
    static <T extends EventData> RecordMetadata publish(String source, EventType<T> type, T data) {
        CloudEvent<T> event = new CloudEvent<>(UUID.randomUUID().toString(), type, source, Instant.now(),
                CloudEventCodec.SCHEMA_VERSION, data);
        return KafkaTestClient.publish(system.kafka(), type.topic(), event.key(), CloudEventCodec.dataJson(data),
                CloudEventCodec.binaryHeaders(event));
    }
}
