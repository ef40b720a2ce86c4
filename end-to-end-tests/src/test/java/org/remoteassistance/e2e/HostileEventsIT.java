package org.remoteassistance.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.remoteassistance.e2e.FaultTests.TEST_SOURCE;
import static org.remoteassistance.e2e.FaultTests.WAIT;
import static org.remoteassistance.e2e.FaultTests.assertExactlyOnce;
import static org.remoteassistance.e2e.FaultTests.awaitAcknowledgedAndNotified;
import static org.remoteassistance.e2e.FaultTests.awaitOutboxesDrained;
import static org.remoteassistance.e2e.FaultTests.knownDevices;
import static org.remoteassistance.e2e.FaultTests.publish;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.EventData;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.NotificationIssued;
import org.remoteassistance.events.SessionAcknowledged;
import org.remoteassistance.events.SessionEnded;
import org.remoteassistance.events.SessionRejected;
import org.remoteassistance.events.SessionRequested;
import org.remoteassistance.events.SessionStarted;
import org.remoteassistance.events.Topics;
import org.remoteassistance.testing.KafkaTestClient;

/**
 * Events nobody should have to process: poison on every consumed topic (dead-lettered with a reason by each consumer,
 * which then goes on), and duplicated and late events of an ended session (one effect, never a step backwards).
 */
class HostileEventsIT extends FaultTests {

    @Test
    void poisonEventsOnEveryConsumedTopicAreDeadLetteredWithAReasonAndTheJourneyGoesOn() throws Exception {
        String knownDevice = knownDevices("poison", 1).get(0);
        List<Poison> poisons = new ArrayList<>();
        List<EventType<?>> consumed = List.of(EventType.SESSION_REQUESTED, EventType.SESSION_ACKNOWLEDGED,
                EventType.SESSION_REJECTED, EventType.SESSION_STARTED, EventType.SESSION_ENDED,
                EventType.NOTIFICATION_ISSUED, EventType.DEVICE_REGISTERED);
        for (EventType<?> type : consumed) {
            int count = Consumers.of(type.topic());
            poisons.add(new Poison(type, "not JSON", "{this is not json", Map.of(), count, true));
            poisons.add(new Poison(type, "missing fields", "{\"note\":\"no ids at all\"}", Map.of(), count, true));
            poisons.add(new Poison(type, "unsupported schema version", validData(type, knownDevice),
                    Map.of(CloudEventCodec.HEADER_SCHEMA_VERSION, "99"), count, true));
        }
        // events naming a session nobody has (on a device nobody has): those that track sessions refuse them
        for (EventType<?> type : List.of(EventType.SESSION_ACKNOWLEDGED, EventType.SESSION_REJECTED,
                EventType.SESSION_STARTED, EventType.NOTIFICATION_ISSUED)) {
            poisons.add(new Poison(type, "unknown session", validData(type, UUID.randomUUID().toString()), Map.of(),
                    1, false));
        }
        for (Poison poison : poisons) {
            poison.publish();
        }

        Set<String> markers = poisons.stream().map(Poison::marker).collect(java.util.stream.Collectors.toSet());
        Map<String, List<ConsumerRecord<String, String>>> deadLetters = new LinkedHashMap<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            deadLetters.clear();
            for (ConsumerRecord<String, String> record : TopicReader.readAll(system.kafka(), Topics.DEAD_LETTER)) {
                if (markers.contains(record.key())) {
                    deadLetters.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(record);
                }
            }
            return poisons.stream().allMatch(p -> deadLetters.getOrDefault(p.marker(), List.of()).size()
                    >= p.deadLetters());
        });
        System.out.println("Poison events and their dead letters:");
        for (Poison poison : poisons) {
            List<ConsumerRecord<String, String>> letters = deadLetters.get(poison.marker());
            System.out.printf("  %-38s %-27s %d dead letter(s): %s%n", poison.type().topic(), poison.kind(),
                    letters.size(), TopicReader.header(letters.get(0), "dead-letter-reason"));
            for (ConsumerRecord<String, String> letter : letters) {
                String reason = TopicReader.header(letter, "dead-letter-reason");
                assertTrue(reason != null && !reason.isBlank(), "a reason for " + poison);
                assertEquals(poison.type().topic(), TopicReader.header(letter, "dead-letter-topic"));
            }
            if (poison.everyConsumer()) {
                assertEquals(poison.deadLetters(), letters.size(), "each consumer of the topic sets aside " + poison);
            }
        }

        // every consumer went on: a whole journey flows after them
        String deviceId = knownDevices("after-poison", 1).get(0);
        String sessionId = api.requestSession(deviceId);
        Map<String, String> sessions = Map.of(sessionId, deviceId);
        awaitAcknowledgedAndNotified(sessions);
        api.startAllowEnd(sessionId, deviceId, "COMPLETED");
        api.awaitOverview(deviceId, "ENDED", WAIT);
        assertExactlyOnce(sessions);
    }

    @Test
    void duplicatedAndLateEventsHaveOneEffectAndNeverMoveASessionBackwards() throws Exception {
        String deviceId = knownDevices("duplicates", 1).get(0);
        String sessionId = api.requestSession(deviceId);
        awaitAcknowledgedAndNotified(Map.of(sessionId, deviceId));
        api.startAllowEnd(sessionId, deviceId, "COMPLETED");
        api.awaitOverview(deviceId, "ENDED", WAIT);
        await().atMost(WAIT).ignoreExceptions().until(() ->
                !api.notifications(deviceId).path("items").get(0).path("actionable").asBoolean());
        await().atMost(WAIT).until(() -> "CLOSED".equals(databases.partnerSessions(List.of(sessionId))
                .get(sessionId).get(0)[1]));
        JsonNode before = api.session(sessionId);

        // every event of the session delivered again, twice, exactly as first published
        List<ConsumerRecord<String, String>> originals = new ArrayList<>();
        for (String topic : List.of(Topics.SESSION_REQUESTED, Topics.SESSION_ACKNOWLEDGED, Topics.SESSION_STARTED,
                Topics.SESSION_ENDED, Topics.NOTIFICATION_ISSUED)) {
            List<ConsumerRecord<String, String>> found = KafkaTestClient.await(system.kafka(), topic,
                    record -> sessionId.equals(record.key()), 1, WAIT);
            assertEquals(1, found.size(), "the session's event on " + topic);
            originals.add(found.get(0));
        }
        List<RecordMetadata> published = new ArrayList<>();
        for (int delivery = 0; delivery < 2; delivery++) {
            for (ConsumerRecord<String, String> original : originals) {
                published.add(KafkaTestClient.publish(system.kafka(), original.topic(), original.key(),
                        original.value(), TopicReader.headers(original)));
            }
        }
        // and late events under new ids, after the session ended: a second acknowledgement with another code, a
        // request, a start, a rejection and a notification
        UUID session = UUID.fromString(sessionId);
        UUID device = UUID.fromString(deviceId);
        Instant now = Instant.now();
        published.add(publish(EventType.SESSION_ACKNOWLEDGED, new SessionAcknowledged(session, device,
                "teamviewer", "s99-999-999", "https://example.com/late-supporter",
                "https://example.com/late-customer", now.plusSeconds(3600))));
        published.add(publish(EventType.SESSION_REQUESTED, new SessionRequested(session, device, "late-publisher",
                now)));
        published.add(publish(EventType.SESSION_STARTED, new SessionStarted(session, device, now)));
        published.add(publish(EventType.SESSION_REJECTED, new SessionRejected(session, device, "PARTNER_REFUSED",
                "late", now)));
        published.add(publish(EventType.NOTIFICATION_ISSUED, new NotificationIssued(UUID.randomUUID(), session,
                device, "COMPANY_PORTAL", "late", now)));
        // every consumer has judged each of them (unknown-session waits included) before anything is looked at
        Consumers.awaitPast(system.kafka(), published, WAIT);

        // and the consumers went on: a journey requested after them flows
        String otherDevice = knownDevices("after-duplicates", 1).get(0);
        String other = api.requestSession(otherDevice);
        awaitAcknowledgedAndNotified(Map.of(other, otherDevice));

        JsonNode after = api.session(sessionId);
        for (String field : List.of("status", "endReason", "sessionCode", "acknowledgedAt", "notifiedAt", "endedAt",
                "rejectReason")) {
            assertEquals(before.path(field), after.path(field), field + " of the ended session");
        }
        JsonNode overview = api.overview(deviceId);
        assertEquals("ENDED", overview.path("remoteAssistance").path("status").asText());
        assertEquals(sessionId, overview.path("remoteAssistance").path("sessionId").asText());
        assertFalse(overview.path("remoteAssistance").path("startAvailable").asBoolean());
        JsonNode notifications = api.notifications(deviceId);
        assertEquals(1, notifications.path("items").size(), notifications.toString());
        assertFalse(notifications.path("items").get(0).path("actionable").asBoolean());
        assertEquals(before.path("sessionCode").asText(), notifications.path("items").get(0).path("sessionCode")
                .asText());
        List<String[]> partner = databases.partnerSessions(List.of(sessionId)).get(sessionId);
        assertEquals(1, partner.size());
        assertEquals("CLOSED", partner.get(0)[1]);
        assertExactlyOnce(Map.of(sessionId, deviceId, other, otherDevice));
        Predicate<ConsumerRecord<String, String>> byServices = record -> sessionId.equals(record.key())
                && !TEST_SOURCE.equals(TopicReader.header(record, CloudEventCodec.HEADER_SOURCE));
        assertEquals(0, TopicReader.readAll(system.kafka(), Topics.SESSION_REJECTED).stream().filter(byServices)
                .count(), "no service rejected the ended session");
        assertEquals(1, TopicReader.readAll(system.kafka(), Topics.SESSION_ENDED).stream().filter(byServices)
                .map(TopicReader::eventId).distinct().count(), "it ended once");
        long deadLettered = TopicReader.readAll(system.kafka(), Topics.DEAD_LETTER).stream()
                .filter(record -> sessionId.equals(record.key())).count();
        System.out.printf("Late events after the end: %d dead-lettered, the rest ignored; no state moved%n",
                deadLettered);
        awaitOutboxesDrained();
    }

    /** A valid data document of the type for a new session on the device, to spoil in one way. */
    static String validData(EventType<?> type, String deviceId) {
        UUID session = UUID.randomUUID();
        UUID device = UUID.fromString(deviceId);
        Instant now = Instant.now();
        EventData data = switch (type.name()) {
            case "SessionRequested" -> new SessionRequested(session, device, "poison", now);
            case "SessionAcknowledged" -> new SessionAcknowledged(session, device, "teamviewer", "s00-000-000",
                    "https://example.com/s", "https://example.com/c", now.plusSeconds(600));
            case "SessionRejected" -> new SessionRejected(session, device, "PARTNER_REFUSED", "poison", now);
            case "SessionStarted" -> new SessionStarted(session, device, now);
            case "SessionEnded" -> new SessionEnded(session, device, "ENDED",
                    "COMPLETED", now);
            case "NotificationIssued" -> new NotificationIssued(UUID.randomUUID(), session, device, "COMPANY_PORTAL",
                    "poison", now);
            default -> new org.remoteassistance.events.DeviceSnapshot(device, "Poison", "WINDOWS", "11", "SN",
                    "ana@example.com", false, now);
        };
        return CloudEventCodec.dataJson(data);
    }

    /**
     * One bad record on a topic, keyed by a marker so that its dead letters can be told apart.
     *
     * @param deadLetters   how many dead letters it should make: one per consumer that must refuse it
     * @param everyConsumer whether every consumer of the topic must refuse it (else at least {@code deadLetters})
     */
    record Poison(EventType<?> type, String kind, String value, Map<String, String> overrides, int deadLetters,
            boolean everyConsumer, String marker) {

        Poison(EventType<?> type, String kind, String value, Map<String, String> overrides, int deadLetters,
                boolean everyConsumer) {
            this(type, kind, value, overrides, deadLetters, everyConsumer, "poison-" + UUID.randomUUID());
        }

        void publish() {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put(CloudEventCodec.HEADER_SPEC_VERSION, CloudEventCodec.SPEC_VERSION);
            headers.put(CloudEventCodec.HEADER_ID, UUID.randomUUID().toString());
            headers.put(CloudEventCodec.HEADER_TYPE, type.name());
            headers.put(CloudEventCodec.HEADER_SOURCE, TEST_SOURCE);
            headers.put(CloudEventCodec.HEADER_TIME, Instant.now().toString());
            headers.put(CloudEventCodec.HEADER_SCHEMA_VERSION, CloudEventCodec.SCHEMA_VERSION);
            headers.put(CloudEventCodec.HEADER_CONTENT_TYPE, CloudEventCodec.DATA_CONTENT_TYPE);
            headers.putAll(overrides);
            KafkaTestClient.publish(system.kafka(), type.topic(), marker, value, headers);
        }
    }
}
