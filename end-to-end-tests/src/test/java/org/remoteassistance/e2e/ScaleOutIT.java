package org.remoteassistance.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.testing.EventStream;

/**
 * Two instances of every service, in the same consumer groups (a second instance of each is added to the system the
 * fault tests share, and stopped again at the end): a journey works whichever instance each call reaches, a device
 * listening on one notification-service instance gets the notification the other one issued, each outbox is relayed
 * by one instance only, and one instance of each service killed under load loses and doubles nothing while the
 * others take its partitions over.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT extends FaultTests {

    static final List<String> SERVICES = RunningSystem.SERVICES;
    static final List<String> ADDED = new ArrayList<>();

    @BeforeAll
    static void secondInstances() {
        ADDED.addAll(system.addInstances(SERVICES.toArray(String[]::new)));
    }

    @AfterAll
    static void backToOneInstanceEach() {
        ADDED.forEach(system::removeInstance);
        ADDED.clear();
    }

    @Test
    @Order(1)
    void aJourneyWorksWhicheverInstanceEachCallReaches() throws Exception {
        api.expect(200, "PUT", "connector#2", "/api/connectors/teamviewer",
                Map.of("apiToken", "teamviewer-simulator-token"));
        String deviceId = api.expect(201, "POST", "device#2", "/api/devices", Map.of("name", "Scaled laptop",
                "platform", "WINDOWS", "osVersion", "11", "serialNumber", "SCALE-" + UUID.randomUUID(),
                "primaryUser", "ana@example.com")).get("id");
        api.awaitKnownEverywhere(deviceId, WAIT);

        String sessionId = api.expect(202, "POST", "session#2", "/api/sessions", Map.of("deviceId", deviceId))
                .get("id");
        api.awaitAcknowledgedAndNotified(sessionId, WAIT);
        await().atMost(WAIT).ignoreExceptions().until(() -> api.call("GET", "notification#2", "/api/devices/"
                + deviceId + "/notifications", null, Map.of(), api.deviceToken(deviceId)).body()
                .path("items").size() == 1);
        api.expect(200, "POST", "session", "/api/sessions/" + sessionId + "/start", null);
        Api.Reply allowed = api.call("POST", "session#2", "/api/sessions/" + sessionId + "/device-response",
                Map.of("allow", true), Map.of(), api.deviceToken(deviceId));
        assertEquals("IN_PROGRESS", allowed.get("status"), allowed.text());
        await().atMost(WAIT).ignoreExceptions().until(() -> "IN_PROGRESS".equals(api.call("GET", "device#2",
                "/api/devices/" + deviceId, null, Map.of()).body().path("remoteAssistance").path("status").asText()));
        api.expect(200, "POST", "session#2", "/api/sessions/" + sessionId + "/end", Map.of("reason", "COMPLETED"));
        api.awaitOverview(deviceId, "ENDED", WAIT);
        assertExactlyOnce(Map.of(sessionId, deviceId));

        // each outbox is relayed by one instance: the one holding its lock
        for (String service : SERVICES) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                    api.metric(service, "outbox_relay_leader") + api.metric(service + "#2", "outbox_relay_leader")
                            == 1.0);
        }
    }

    /**
     * Devices listen on one instance while the other instance issues some of their notifications (it consumes half of
     * the partitions): each device gets its notification live, whichever instance issued it, both ways.
     */
    @Test
    @Order(2)
    void aDeviceListeningOnOneInstanceGetsTheNotificationTheOtherIssued() throws Exception {
        for (String listeningOn : List.of("notification", "notification#2")) {
            String other = listeningOn.equals("notification") ? "notification#2" : "notification";
            boolean crossed = false;
            for (int attempt = 0; attempt < 16 && !crossed; attempt++) {
                String deviceId = api.knownDevices("scaled-stream", 1, WAIT).get(0);
                double issuedByOther = api.metricSum(other, "notifications_issued_total", "");
                double listening = api.metric(listeningOn, "notifications_stream_listeners");
                try (EventStream stream = EventStream.open(URI.create(system.url(listeningOn) + "/api/devices/"
                        + deviceId + "/notifications/stream"), api.deviceToken(deviceId))) {
                    await().atMost(WAIT).until(() ->
                            api.metric(listeningOn, "notifications_stream_listeners") > listening);
                    String sessionId = api.requestSession(deviceId);
                    String data = stream.nextData(WAIT);
                    assertNotNull(data, "no notification for " + sessionId + " on " + listeningOn);
                    assertEquals(sessionId, CloudEventCodec.json().readTree(data).path("sessionId").asText());
                }
                crossed = api.metricSum(other, "notifications_issued_total", "") > issuedByOther;
            }
            assertTrue(crossed, "no notification issued by " + other + " reached a device listening on "
                    + listeningOn + " in 16 sessions");
        }
    }

    /**
     * The second instance of every service SIGKILLed while sessions are requested: the first instances take its
     * partitions over once its consumers' sessions time out, and every session is acknowledged and notified once.
     */
    @Test
    @Order(3) // last: it kills the second instances
    void oneInstanceOfEachKilledUnderLoadLosesAndDoublesNothing() throws Exception {
        List<String> devices = knownDevices("scaled-kill", 12);
        Map<String, String> sessions = new LinkedHashMap<>();
        for (String deviceId : devices.subList(0, 6)) {
            sessions.put(api.expect(202, "POST", (sessions.size() % 2 == 0 ? "session" : "session#2"),
                    "/api/sessions", Map.of("deviceId", deviceId)).get("id"), deviceId);
        }
        long killedAt = System.nanoTime();
        try {
            for (String added : ADDED) {
                system.kill(added);
            }
        } finally {
            // done with: the heal after each test would otherwise start them again, only to stop them after all
            ADDED.forEach(system::removeInstance);
            ADDED.clear();
        }
        // the load goes on against the survivors, as a load balancer would send it
        for (String deviceId : devices.subList(6, 12)) {
            sessions.put(api.requestSession(deviceId), deviceId);
        }
        awaitAcknowledgedAndNotified(sessions);
        Duration allThrough = Duration.ofNanos(System.nanoTime() - killedAt);
        assertExactlyOnce(sessions);
        awaitOutboxesDrained();
        System.out.printf("ScaleOutIT: one instance of each service SIGKILLed; every session acknowledged and "
                + "notified %d ms after the kill%n", allThrough.toMillis());
        assertTrue(allThrough.compareTo(Duration.ofSeconds(60)) < 0, "took over in " + allThrough);
    }
}
