package org.remoteassistance.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.SessionRequested;
import org.remoteassistance.events.Topics;
import org.remoteassistance.testing.KafkaTestClient;

/**
 * One verdict on an event, whichever service consumes it: hostile {@code SessionRequested} events that one consumer
 * used to accept and another refuse are refused by all three (session-, device- and connector-service), so no service
 * acts on them and the device's next real request goes through.
 */
class EventVerdictIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    /** Every service that consumes SessionRequested (session, device, connector) dead-letters a refused one. */
    static final int CONSUMERS_OF_REQUESTS = 3;

    static RunningSystem system;
    static Api api;

    @BeforeAll
    static void startSystem() {
        system = RunningSystem.get();
        api = new Api(system);
        api.connectConnector();
    }

    /** A hostile request and what its dead-letter reason must name. */
    record Hostile(String label, SessionRequested data, String reason) {
    }

    @Test
    void hostileSessionRequestsAreRefusedByEveryConsumerAndTheDevicesNextRequestGoesThrough() throws Exception {
        String target = api.registerDevice("verdict-target");
        String bystander = api.registerDevice("verdict-bystander");
        api.awaitKnownEverywhere(target, WAIT);
        api.awaitKnownEverywhere(bystander, WAIT);
        JsonNode overviewBefore = api.overview(target);

        UUID device = UUID.fromString(target);
        Instant now = Instant.now();
        List<Hostile> hostiles = List.of(
                new Hostile("requestedBy of 300 characters", request(device, "a".repeat(300), now), "requestedBy"),
                new Hostile("requestedBy of 900 KB", request(device, "b".repeat(900_000), now), "larger than"),
                new Hostile("requestedBy with CRLF", request(device,
                        "helpdesk\r\n2026-01-01 INFO actor=root action=ENDED", now), "requestedBy"),
                new Hostile("requestedBy with a bidi override", request(device, "helpdesk\u202Etoor", now),
                        "requestedBy"),
                new Hostile("requestedBy with markup", request(device, "<img src=x onerror=alert(1)>", now),
                        "requestedBy"),
                new Hostile("requestedAt in the future", request(device, "helpdesk-portal",
                        now.plus(Duration.ofDays(3650))), "requestedAt"));

        // all on one key, so on one partition, with a good request (for another device) behind them: once every
        // consumer has passed the good one, it has judged the hostile ones
        UUID marker = UUID.randomUUID();
        String key = marker.toString();
        Map<String, Hostile> byEventId = new LinkedHashMap<>();
        for (Hostile hostile : hostiles) {
            CloudEvent<SessionRequested> event = event(hostile.data());
            byEventId.put(event.id(), hostile);
            publish(key, event);
        }
        publish(key, event(new SessionRequested(marker, UUID.fromString(bystander), "helpdesk-portal",
                Instant.now())));

        // the facts that say every consumer has passed them: session- and device-service read in order, the
        // connector serves requests concurrently, so its dead letters are awaited too
        api.awaitSession(key, "ACKNOWLEDGED", WAIT);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> key.equals(
                api.overview(bystander).path("remoteAssistance").path("sessionId").asText()));
        AtomicReference<Map<String, List<String>>> reasons = new AtomicReference<>(Map.of());
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            reasons.set(deadLetterReasons(key));
            return byEventId.keySet().stream().allMatch(id -> reasons.get().getOrDefault(id, List.of()).size()
                    >= CONSUMERS_OF_REQUESTS);
        });
        for (var entry : byEventId.entrySet()) {
            Hostile hostile = entry.getValue();
            List<String> why = reasons.get().get(entry.getKey());
            assertTrue(why.stream().allMatch(reason -> reason.contains(hostile.reason())),
                    hostile.label() + " is dead-lettered for its " + hostile.reason() + ": " + why);
        }

        // no service acted on any of them
        Set<String> hostileSessions = hostiles.stream().map(h -> h.data().sessionId().toString())
                .collect(Collectors.toSet());
        for (String sessionId : hostileSessions) {
            assertEquals(404, api.call("GET", "session", "/api/sessions/" + sessionId, null, Map.of()).status(),
                    "session-service has no session " + sessionId);
        }
        assertTrue(TopicReader.readAll(system.kafka(), Topics.SESSION_ACKNOWLEDGED).stream()
                .noneMatch(record -> hostileSessions.contains(record.key())), "no partner session was opened");
        assertTrue(TopicReader.readAll(system.kafka(), Topics.SESSION_REJECTED).stream()
                .noneMatch(record -> hostileSessions.contains(record.key())), "nor was one refused: none was judged");
        assertEquals(overviewBefore, api.overview(target), "the device's overview is unchanged");
        assertEquals(0, api.notifications(target).path("items").size(), "the device got no notification");
        assertEquals(0, api.expect(200, "GET", "session", "/api/audit?deviceId=" + target, null).body()
                .path("total").asInt(), "nothing about the device reached the audit trail");

        // and the device's next real request is acknowledged, not refused as SESSION_ALREADY_OPEN
        String sessionId = api.requestSession(target);
        JsonNode acknowledged = api.awaitAcknowledgedAndNotified(sessionId, WAIT);
        assertEquals("ACKNOWLEDGED", acknowledged.path("status").asText(), acknowledged.toString());
        assertTrue(acknowledged.path("rejectReason").isNull(), acknowledged.toString());
    }

    /** The dead-letter reasons of the records published under {@code key}, by event id. */
    private static Map<String, List<String>> deadLetterReasons(String key) {
        return TopicReader.readAll(system.kafka(), Topics.DEAD_LETTER).stream()
                .filter(record -> key.equals(record.key()))
                .collect(Collectors.groupingBy(TopicReader::eventId, Collectors.mapping(
                        record -> String.valueOf(TopicReader.header(record, "dead-letter-reason")),
                        Collectors.toList())));
    }

    private static SessionRequested request(UUID deviceId, String requestedBy, Instant requestedAt) {
        return new SessionRequested(UUID.randomUUID(), deviceId, requestedBy, requestedAt);
    }

    private static CloudEvent<SessionRequested> event(SessionRequested data) {
        return new CloudEvent<>(UUID.randomUUID().toString(), EventType.SESSION_REQUESTED, "/helpdesk-portal",
                Instant.now(), CloudEventCodec.SCHEMA_VERSION, data);
    }

    /** As another service would publish it, but with the given record key. */
    private static void publish(String key, CloudEvent<SessionRequested> event) {
        KafkaTestClient.publish(system.kafka(), Topics.SESSION_REQUESTED, key, CloudEventCodec.dataJson(event.data()),
                CloudEventCodec.binaryHeaders(event));
    }
}
