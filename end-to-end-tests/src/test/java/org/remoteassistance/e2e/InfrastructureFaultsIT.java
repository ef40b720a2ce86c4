package org.remoteassistance.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.remoteassistance.e2e.FaultTests.WAIT;
import static org.remoteassistance.e2e.FaultTests.assertExactlyOnce;
import static org.remoteassistance.e2e.FaultTests.awaitAcknowledgedAndNotified;
import static org.remoteassistance.e2e.FaultTests.awaitOutboxesDrained;
import static org.remoteassistance.e2e.FaultTests.deadLetterReasons;
import static org.remoteassistance.e2e.FaultTests.knownDevices;
import static org.remoteassistance.e2e.FaultTests.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.SessionAcknowledged;
import org.remoteassistance.events.SessionEnded;
import org.remoteassistance.events.SessionRequested;
import org.remoteassistance.events.Topics;

/**
 * The broker and the database fail under a running journey (the real broker, the real database, the four services as
 * processes): the broker stopped and started, PostgreSQL stopped while requests arrive, while events are in flight and
 * exactly while services commit. After each, every session reaches its state once and nothing is left in an outbox.
 */
class InfrastructureFaultsIT extends FaultTests {

    @Test
    void brokerStoppedMidJourneyRequestsWaitInTheOutboxAndFlowOnceWhenItIsBack() throws Exception {
        List<String> devices = knownDevices("broker", 3);
        Map<String, String> sessions = new LinkedHashMap<>();

        system.stopKafka();
        try {
            for (String deviceId : devices) {
                sessions.put(api.requestSession(deviceId), deviceId);
            }
            // the session and its event commit together: the event waits in the outbox for the broker
            assertEquals(3, databases.outboxRowsFor("session", "SessionRequested", sessions.keySet()));
            // the operators' gauges show the backlog growing (counted each second), not a stale figure
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() ->
                    api.metric("session", "outbox_pending") >= 3
                            && api.metric("session", "outbox_oldest_age_seconds") >= 2);
            // seconds later, the relay having tried the broker all along
            for (String sessionId : sessions.keySet()) {
                assertEquals("REQUESTED", api.session(sessionId).path("status").asText());
            }
            assertEquals(3, databases.outboxRowsFor("session", "SessionRequested", sessions.keySet()),
                    "nothing leaves, nothing is dropped, while the broker is down");
        } finally {
            system.startKafka();
        }

        awaitAcknowledgedAndNotified(sessions);
        assertExactlyOnce(sessions);
        awaitOutboxesDrained();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() ->
                api.metric("session", "outbox_pending") == 0
                        && api.metric("session", "outbox_oldest_age_seconds") == 0);
    }

    @Test
    void postgresStoppedMidJourneyAnswers503AndRecoversOnItsOwn() throws Exception {
        List<String> devices = knownDevices("postgres", 3);
        Map<String, String> sessions = new LinkedHashMap<>();
        // two journeys under way: acknowledged and notified, waiting for the admin and the device
        for (String deviceId : devices.subList(0, 2)) {
            sessions.put(api.requestSession(deviceId), deviceId);
        }
        awaitAcknowledgedAndNotified(sessions);
        List<String> running = new ArrayList<>(sessions.keySet());
        long sessionPid = system.pid("session");

        system.stopPostgres();
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                    .until(() -> api.readiness("session") == 503);
            Api.Reply refused = api.call("POST", "session", "/api/sessions", Map.of("deviceId", devices.get(2)),
                    Map.of());
            assertEquals(503, refused.status(), refused.text());
            assertTrue(refused.contentType().startsWith(Api.PROBLEM_JSON), refused.contentType());
            assertEquals(503, refused.body().path("status").asInt());
            assertNotNull(refused.get("title"));
            Api.Reply read = api.call("POST", "session", "/api/sessions/" + running.get(0) + "/start", null,
                    Map.of());
            assertEquals(503, read.status(), read.text());
            assertTrue(read.contentType().startsWith(Api.PROBLEM_JSON), read.contentType());
        } finally {
            system.startPostgres();
        }

        // back on its own: the same process, no restart
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> api.readiness("session") == 200);
        assertEquals(sessionPid, system.pid("session"), "session-service recovered without a restart");
        for (String service : RunningSystem.SERVICES) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> api.readiness(service) == 200);
        }
        assertEquals(0, databases.sessionsOfDevice(devices.get(2)), "the refused request left nothing half written");
        assertEquals("ACKNOWLEDGED", api.session(running.get(0)).path("status").asText(),
                "the refused start changed nothing");

        // the journeys under way complete; a new one flows
        api.startAllowEnd(running.get(0), devices.get(0), "COMPLETED");
        api.expect(200, "POST", "session", "/api/sessions/" + running.get(1) + "/end", Map.of("reason", "CANCELLED"));
        api.awaitOverview(devices.get(0), "ENDED", WAIT);
        api.awaitOverview(devices.get(1), "ENDED", WAIT);
        sessions.put(api.requestSession(devices.get(2)), devices.get(2));
        awaitAcknowledgedAndNotified(sessions);
        assertExactlyOnce(sessions);
        awaitOutboxesDrained();
    }

    /**
     * A session requested by another publisher while PostgreSQL is down waits for it in every consumer; none sets it
     * aside as if it were invalid.
     */
    @Test
    void sessionRequestedWhilePostgresIsDownWaitsForItAndIsNotLost() throws Exception {
        String deviceId = knownDevices("postgres-in-flight", 1).get(0);
        UUID requested = UUID.randomUUID();
        Retries retries = Retries.of(Topics.SESSION_REQUESTED, "session", "device", "connector");
        system.stopPostgres();
        try {
            publish("/helpdesk-portal", EventType.SESSION_REQUESTED, new SessionRequested(requested,
                    UUID.fromString(deviceId), "helpdesk-portal", Instant.now()));
            retries.awaitEachRetriedThrough();
        } finally {
            system.startPostgres();
        }
        awaitAcknowledgedAndNotified(Map.of(requested.toString(), deviceId));
        assertEquals(List.of(), deadLetterReasons(Set.of(requested.toString())),
                "the request set aside while the database was down");
        assertExactlyOnce(Map.of(requested.toString(), deviceId));
    }

    /**
     * An acknowledgement (here from another connector, for a session only it knows) that reaches notification-service
     * while PostgreSQL is down must still notify the device once the database is back.
     */
    @Test
    void acknowledgementArrivingWhilePostgresIsDownStillNotifiesTheDevice() throws Exception {
        String deviceId = knownDevices("postgres-ack-in-flight", 1).get(0);
        UUID acknowledgedElsewhere = UUID.randomUUID();
        Retries retries = Retries.of(Topics.SESSION_ACKNOWLEDGED, "notification", "session", "device");
        system.stopPostgres();
        try {
            publish(EventType.SESSION_ACKNOWLEDGED, new SessionAcknowledged(acknowledgedElsewhere,
                    UUID.fromString(deviceId), "other-connector", "s11-222-333", "https://example.com/s",
                    "https://example.com/c", Instant.now().plusSeconds(3600)));
            retries.awaitEachRetriedThrough();
        } finally {
            system.startPostgres();
        }
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                databases.notifications(List.of(acknowledgedElsewhere.toString())).size() == 1);
        // session-service rightly refuses the acknowledgement of a session it does not have; nobody may set it aside
        // because of the database
        assertEquals(List.of(), TopicReader.readAll(system.kafka(), Topics.DEAD_LETTER).stream()
                .filter(record -> acknowledgedElsewhere.toString().equals(record.key()))
                .map(record -> TopicReader.header(record, "dead-letter-reason"))
                .filter(reason -> reason == null || reason.matches("(?is).*(jdbc|connection|database|acquire).*"))
                .toList(), "the acknowledgement set aside because the database was down");
    }

    /**
     * A session that ends while PostgreSQL is down (its SessionEnded reaching the connector and notification-service
     * during the outage) must still have its partner session closed and its notification withdrawn once the database
     * is back. The event is published here as session-service publishes it, so that it surely arrives in the outage.
     */
    @Test
    void sessionEndedWhilePostgresIsDownStillClosesThePartnerSessionAndWithdrawsTheNotification() throws Exception {
        String deviceId = knownDevices("postgres-end-in-flight", 1).get(0);
        String sessionId = api.requestSession(deviceId);
        awaitAcknowledgedAndNotified(Map.of(sessionId, deviceId));
        Retries retries = Retries.of(Topics.SESSION_ENDED, "connector", "notification");
        system.stopPostgres();
        try {
            publish(EventType.SESSION_ENDED, new SessionEnded(UUID.fromString(sessionId), UUID.fromString(deviceId),
                    "ENDED", "CANCELLED", Instant.now()));
            retries.awaitEachRetriedThrough();
        } finally {
            system.startPostgres();
        }
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                "CLOSED".equals(databases.partnerSessions(List.of(sessionId)).get(sessionId).get(0)[1]));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                "false".equals(databases.notifications(List.of(sessionId)).get(sessionId).get(0)[1]));
        // the admin's side catches up; the device can have its next session
        api.expect(200, "POST", "session", "/api/sessions/" + sessionId + "/end", Map.of("reason", "CANCELLED"));
        String next = api.requestSession(deviceId);
        awaitAcknowledgedAndNotified(Map.of(next, deviceId));
    }

    /**
     * PostgreSQL stopped exactly while services commit, again and again: each commit is held at COMMIT by a trigger
     * and the database is stopped while one is held, so the service cannot know whether it committed. The admin's
     * request is answered 503 (and the same Idempotency-Key then makes one session), consumers retry their event
     * (the inbox makes a commit that did happen a no-op), and nothing is dead-lettered, lost or doubled: every
     * partner session of an ended session is closed.
     */
    @Test
    void postgresStoppedWhileServicesCommitLosesNothingAndDeadLettersNothing() throws Exception {
        List<String> devices = knownDevices("commit-cut", 5);
        Map<String, String> sessions = new LinkedHashMap<>();
        int cuts = 0;
        databases.holdCommits(500);
        try {
            String key = UUID.randomUUID().toString();
            CompletableFuture<Api.Reply> cutOff = CompletableFuture.supplyAsync(() -> {
                try {
                    return api.call("POST", "session", "/api/sessions", Map.of("deviceId", devices.get(0)),
                            Map.of("Idempotency-Key", key));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            cuts += cutWhileCommitHeld();
            Api.Reply reply = cutOff.get(60, TimeUnit.SECONDS);
            assertEquals(503, reply.status(), reply.text());
            assertTrue(reply.contentType().startsWith(Api.PROBLEM_JSON), reply.contentType());
            sessions.put(api.requestSessionRetrying(devices.get(0), key, WAIT), devices.get(0));

            for (String deviceId : devices.subList(1, devices.size())) {
                sessions.put(api.requestSessionRetrying(deviceId, UUID.randomUUID().toString(), WAIT), deviceId);
                cuts += cutWhileCommitHeld();
            }
            awaitAcknowledgedAndNotified(sessions);
            for (String sessionId : sessions.keySet()) {
                api.expect(200, "POST", "session", "/api/sessions/" + sessionId + "/end",
                        Map.of("reason", "CANCELLED"));
            }
            cuts += cutWhileCommitHeld();
        } finally {
            system.heal();
            databases.releaseCommits();
        }

        assertEquals(6, cuts, "times PostgreSQL was stopped while a commit was held");
        for (String deviceId : sessions.values()) {
            api.awaitOverview(deviceId, "ENDED", WAIT);
        }
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                databases.partnerSessions(sessions.keySet()).values().stream()
                        .allMatch(held -> held.size() == 1 && "CLOSED".equals(held.get(0)[1])));
        assertEquals(1, databases.sessionsOfDevice(devices.get(0)), "the request cut off in its commit, retried");
        assertExactlyOnce(sessions);
        assertEquals(List.of(), deadLetterReasons(sessions.keySet()),
                "valid events set aside because the database stopped during their commit");
        awaitOutboxesDrained();
    }

    /** Waits until a service's commit is held, then stops PostgreSQL under it and starts it again: 1. */
    private static int cutWhileCommitHeld() {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                .until(databases::commitHeld);
        system.stopPostgres();
        system.startPostgres();
        return 1;
    }

    /**
     * A barrier for "the event waited through the outage": each consumer's {@code events_retried_total} for the topic
     * has grown by {@link #TIMES} since before the outage. Consumers count only the retries of their outer loop, after
     * any quick in-place attempts, so by then each has met the failure several times and kept the event.
     */
    record Retries(String topic, Map<String, Double> before) {

        static final int TIMES = 3;

        static Retries of(String topic, String... services) throws Exception {
            Map<String, Double> before = new LinkedHashMap<>();
            for (String service : services) {
                before.put(service, retried(service, topic));
            }
            return new Retries(topic, before);
        }

        void awaitEachRetriedThrough() {
            before.forEach((service, count) -> await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                    .alias(service + "-service retried " + topic + " " + TIMES + " times")
                    .until(() -> retried(service, topic) >= count + TIMES));
        }

        private static double retried(String service, String topic) throws Exception {
            return api.metricSum(service, "events_retried_total", "topic=\"" + topic + "\"");
        }
    }
}
