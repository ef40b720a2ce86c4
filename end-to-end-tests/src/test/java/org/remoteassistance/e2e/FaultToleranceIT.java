package org.remoteassistance.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.CloudEvent;
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
 * Faults injected into a running journey, against the real broker, the real database and the four services as
 * processes: the broker stopped and started, PostgreSQL stopped and started, services killed with SIGKILL, poison
 * events on every consumed topic, duplicated and late events. After each, every session reaches its state once: one
 * partner session, one acknowledgement, one notification, nothing left in an outbox.
 */
class FaultToleranceIT {

    static final Duration WAIT = Duration.ofSeconds(90);
    /** The source of the events this test publishes itself, to tell them from the services' own. */
    static final String TEST_SOURCE = "/fault-tests";

    static RunningSystem system;
    static Api api;
    static Databases databases;

    @BeforeAll
    static void startSystem() {
        system = RunningSystem.get();
        api = new Api(system);
        databases = new Databases(system);
        api.connectConnector();
    }

    /** Whatever a failed test left stopped or killed, the next test (and the journey tests) get a whole system. */
    @AfterEach
    void heal() {
        system.heal();
    }

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
        assertEquals(List.of(), TopicReader.readAll(system.kafka(), Topics.DEAD_LETTER).stream()
                .filter(record -> requested.toString().equals(record.key()))
                .map(record -> TopicReader.header(record, "dead-letter-reason")).toList(),
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
        assertEquals(List.of(), TopicReader.readAll(system.kafka(), Topics.DEAD_LETTER).stream()
                .filter(record -> sessions.containsKey(record.key()))
                .map(record -> TopicReader.header(record, "dead-letter-reason")).toList(),
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

    @Test
    void connectorAndSessionServiceKilledWithSessionsInFlightLoseNothingAndDoubleNothing() throws Exception {
        List<String> devices = knownDevices("sigkill", 8);
        Map<String, String> sessions = new LinkedHashMap<>();

        // connector-service dies while it works through a burst of requests
        for (String deviceId : devices.subList(0, 4)) {
            sessions.put(api.requestSession(deviceId), deviceId);
        }
        String first = sessions.keySet().iterator().next();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> !databases.partnerSessions(List.of(first)).isEmpty());
        system.kill("connector");
        int acknowledgedBeforeKill = databases.partnerSessions(sessions.keySet()).size();
        system.restart("connector");

        // session-service dies right after accepting a burst: events in its outbox, acknowledgements arriving
        for (String deviceId : devices.subList(4, 8)) {
            sessions.put(api.requestSession(deviceId), deviceId);
        }
        system.kill("session");
        system.restart("session");

        awaitAcknowledgedAndNotified(sessions);
        assertExactlyOnce(sessions);
        awaitOutboxesDrained();
        System.out.printf("SIGKILL mid-flow: %d of 4 sessions had their partner session when connector-service "
                + "was killed; all 8 acknowledged and notified once%n", acknowledgedBeforeKill);
    }

    /**
     * SIGTERM, as an orchestrator stops a service, while it works through a burst: what it had under way is either
     * finished or consumed again by its next start; nothing is dead-lettered, lost or doubled, and it exits within
     * its shutdown time-out (quarkus.shutdown.timeout, 20 s) and well within compose's stop_grace_period.
     */
    @Test
    void servicesStoppedWithSigtermUnderLoadLoseNothingAndDeadLetterNothing() throws Exception {
        List<String> devices = knownDevices("sigterm", 9);
        Map<String, String> sessions = new LinkedHashMap<>();
        Map<String, Duration> exits = new LinkedHashMap<>();
        int burst = 0;
        for (String service : List.of("connector", "session", "notification")) {
            for (String deviceId : devices.subList(burst * 3, burst * 3 + 3)) {
                sessions.put(api.requestSession(deviceId), deviceId);
            }
            burst++;
            exits.put(service, system.terminate(service));
            system.restart(service);
        }

        awaitAcknowledgedAndNotified(sessions);
        assertExactlyOnce(sessions);
        assertEquals(List.of(), TopicReader.readAll(system.kafka(), Topics.DEAD_LETTER).stream()
                .filter(record -> sessions.containsKey(record.key()))
                .map(record -> TopicReader.header(record, "dead-letter-reason")).toList(),
                "events set aside while their service stopped");
        awaitOutboxesDrained();
        exits.forEach((service, took) -> assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0,
                service + "-service took " + took + " to exit after SIGTERM"));
        System.out.printf("SIGTERM under load: exits %s; all %d sessions acknowledged and notified once%n", exits,
                sessions.size());
    }

    @Test
    void poisonEventsOnEveryConsumedTopicAreDeadLetteredWithAReasonAndTheJourneyGoesOn() throws Exception {
        String knownDevice = knownDevices("poison", 1).get(0);
        List<Poison> poisons = new ArrayList<>();
        Map<EventType<?>, Integer> consumers = new LinkedHashMap<>();
        consumers.put(EventType.SESSION_REQUESTED, 3); // device, session, connector
        consumers.put(EventType.SESSION_ACKNOWLEDGED, 3); // device, session, notification
        consumers.put(EventType.SESSION_REJECTED, 2); // device, session
        consumers.put(EventType.SESSION_STARTED, 1); // device
        consumers.put(EventType.SESSION_ENDED, 3); // device, notification, connector
        consumers.put(EventType.NOTIFICATION_ISSUED, 2); // device, session
        consumers.put(EventType.DEVICE_REGISTERED, 3); // session, notification, connector
        consumers.forEach((type, count) -> {
            poisons.add(new Poison(type, "not JSON", "{this is not json", Map.of(), count, true));
            poisons.add(new Poison(type, "missing fields", "{\"note\":\"no ids at all\"}", Map.of(), count, true));
            poisons.add(new Poison(type, "unsupported schema version", validData(type, knownDevice),
                    Map.of(CloudEventCodec.HEADER_SCHEMA_VERSION, "99"), count, true));
        });
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
        for (int delivery = 0; delivery < 2; delivery++) {
            for (ConsumerRecord<String, String> original : originals) {
                KafkaTestClient.publish(system.kafka(), original.topic(), original.key(), original.value(),
                        TopicReader.headers(original));
            }
        }
        // and late events under new ids, after the session ended: a second acknowledgement with another code, a
        // request, a start, a rejection and a notification
        UUID session = UUID.fromString(sessionId);
        UUID device = UUID.fromString(deviceId);
        Instant now = Instant.now();
        publish(EventType.SESSION_ACKNOWLEDGED, new SessionAcknowledged(session, device, "teamviewer", "s99-999-999",
                "https://example.com/late-supporter", "https://example.com/late-customer", now.plusSeconds(3600)));
        publish(EventType.SESSION_REQUESTED, new SessionRequested(session, device, "late-publisher", now));
        publish(EventType.SESSION_STARTED, new SessionStarted(session, device, now));
        publish(EventType.SESSION_REJECTED, new SessionRejected(session, device, "PARTNER_REFUSED", "late", now));
        publish(EventType.NOTIFICATION_ISSUED, new NotificationIssued(UUID.randomUUID(), session, device,
                "COMPANY_PORTAL", "late", now));

        // a journey published after them is done only once the consumers have read past them
        String otherDevice = knownDevices("after-duplicates", 1).get(0);
        String other = api.requestSession(otherDevice);
        awaitAcknowledgedAndNotified(Map.of(other, otherDevice));
        sleep(5_000);

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

    // --- faults and checks

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

    static void awaitOutboxesDrained() {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> databases.outboxRows().values().stream().allMatch(rows -> rows == 0));
    }

    static <T extends EventData> void publish(EventType<T> type, T data) {
        publish(TEST_SOURCE, type, data);
    }

    /** Publishes as another service would: counted with the services' own events. */
    static <T extends EventData> void publish(String source, EventType<T> type, T data) {
        CloudEvent<T> event = new CloudEvent<>(UUID.randomUUID().toString(), type, source, Instant.now(),
                CloudEventCodec.SCHEMA_VERSION, data);
        KafkaTestClient.publish(system.kafka(), type.topic(), event.key(), CloudEventCodec.dataJson(data),
                CloudEventCodec.binaryHeaders(event));
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

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
