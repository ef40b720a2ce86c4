package org.remoteassistance.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.Topics;

/**
 * The soak: at least {@code soak.sessions} (1,000) sessions through the whole journey (request, acknowledged, notified,
 * start, allow, end) by concurrent admins, while faults are injected on a schedule: the broker stopped and started,
 * PostgreSQL stopped and started, each service killed with SIGKILL and started again, in turn. Afterwards everything is
 * counted from the services' schemas and from the topics, printed as one table, and held to the bar: every session in
 * its correct final state, none lost, none doubled, every outbox drained.
 *
 * <p>Runs only with {@code -Psoak}: {@code ./mvnw -B verify -pl end-to-end-tests -Psoak -Dit.test=SoakIT}. Settings
 * (system properties): {@code soak.sessions} (1000), {@code soak.devices} (concurrent admins, one device each; 20),
 * {@code soak.faults} (kafka,postgres,kill), {@code soak.fault-gap} seconds between faults (15), {@code soak.outage}
 * seconds a broker or database stays down (5), {@code soak.cycles} full fault cycles at least (1).
 */
class SoakIT {

    /** Longer than a service's restart on a loaded machine (up to 4 minutes seen on 2 busy cores). */
    static final Duration STEP = Duration.ofMinutes(8);
    static final Duration SETTLE = Duration.ofMinutes(4);

    static final int SESSIONS = Integer.getInteger("soak.sessions", 1000);
    static final int DEVICES = Integer.getInteger("soak.devices", 20);
    static final Set<String> FAULTS = Set.of(System.getProperty("soak.faults", "kafka,postgres,kill").split(","));
    static final int FAULT_GAP = Integer.getInteger("soak.fault-gap", 15);
    static final int OUTAGE = Integer.getInteger("soak.outage", 5);
    static final int CYCLES = Integer.getInteger("soak.cycles", 1);
    /** Instances of each service (-Dsoak.instances=2): the admins spread over them, the kills take each in turn. */
    static final int INSTANCES = Integer.getInteger("soak.instances", 1);
    /** The instance of session-service an admin thread calls, as a load balancer would have chosen it. */
    static final ThreadLocal<String> SESSION_SERVICE = ThreadLocal.withInitial(() -> "session");

    static RunningSystem system;
    static Api api;
    static Databases databases;

    /** Every session the admins requested, with its device, in request order. */
    final Map<String, String> sessions = Collections.synchronizedMap(new LinkedHashMap<>());
    /** Sessions the admins gave up on, with the step they were stuck at. */
    final Map<String, String> stuck = new ConcurrentHashMap<>();
    final List<String> faultLog = new CopyOnWriteArrayList<>();
    final AtomicInteger started = new AtomicInteger();
    /** Requests that never got a 202 through the faults (the admin gave up after retrying with one key). */
    final AtomicInteger requestsRefused = new AtomicInteger();
    final AtomicInteger cyclesDone = new AtomicInteger();
    final AtomicBoolean faultsRunning = new AtomicBoolean(true);

    @BeforeAll
    static void startSystem() {
        system = RunningSystem.get();
        api = new Api(system);
        databases = new Databases(system);
        api.connectConnector();
        for (int instance = 2; instance <= INSTANCES; instance++) {
            system.addInstances(RunningSystem.SERVICES.toArray(String[]::new));
        }
    }

    @Test
    void thousandSessionsThroughFaultsEndCorrectlyOnceEach() throws Exception {
        List<String> devices = api.knownDevices("soak", DEVICES, STEP);
        Instant begin = Instant.now();

        Thread faults = new Thread(this::injectFaults, "soak-faults");
        faults.start();
        List<Thread> admins = new ArrayList<>();
        for (String deviceId : devices) {
            int instance = admins.size() % INSTANCES + 1;
            Thread admin = new Thread(() -> {
                SESSION_SERVICE.set(instance == 1 ? "session" : "session#" + instance);
                admin(deviceId);
            }, "soak-admin-" + deviceId.substring(0, 8));
            admins.add(admin);
            admin.start();
        }
        for (Thread admin : admins) {
            admin.join();
        }
        faultsRunning.set(false);
        faults.join();
        system.heal();
        Duration ran = Duration.between(begin, Instant.now());

        Set<String> ids = Set.copyOf(sessions.keySet());
        settle(ids);
        Report report = count(ids, devices);
        report.print(ran);
        report.assertBar();
    }

    // --- the admins and the device users

    /** One admin on one device: session after session, each through the whole journey, until enough were run. */
    void admin(String deviceId) {
        String previous = null;
        while (started.get() < SESSIONS || cyclesDone.get() < CYCLES) {
            started.incrementAndGet();
            if (previous != null) {
                awaitPartnerSessionClosed(previous);
            }
            String sessionId;
            try {
                sessionId = api.requestSessionRetrying(SESSION_SERVICE.get(), deviceId, UUID.randomUUID().toString(),
                        STEP);
            } catch (RuntimeException e) {
                requestsRefused.incrementAndGet();
                continue;
            }
            sessions.put(sessionId, deviceId);
            previous = sessionId;
            try {
                journey(sessionId, deviceId);
            } catch (RuntimeException | Error e) {
                stuck.put(sessionId, e.getMessage() == null ? e.toString() : firstLine(e.getMessage()));
                // free the device for the next session, as an admin would cancel a session that never came
                try {
                    retry(() -> api.call("POST", SESSION_SERVICE.get(), "/api/sessions/" + sessionId + "/end",
                            Map.of("reason", "CANCELLED"), Map.of()), reply -> reply.status() == 200);
                } catch (RuntimeException | Error ignored) {
                    // the device keeps an open session; its next request will tell
                }
            }
        }
    }

    private void journey(String sessionId, String deviceId) {
        api.awaitAcknowledgedAndNotified(sessionId, STEP);
        String session = SESSION_SERVICE.get();
        retry(() -> api.call("POST", session, "/api/sessions/" + sessionId + "/start", null, Map.of()),
                reply -> reply.status() == 200 || (reply.status() == 409 && startedByAdmin(sessionId)));
        retry(() -> api.call("POST", session, "/api/sessions/" + sessionId + "/device-response",
                        Map.of("allow", true), Map.of(), api.deviceToken(deviceId)),
                reply -> reply.status() == 200 || (reply.status() == 409 && status(sessionId).equals("IN_PROGRESS")));
        retry(() -> api.call("POST", session, "/api/sessions/" + sessionId + "/end", Map.of("reason", "COMPLETED"),
                Map.of()), reply -> reply.status() == 200);
        String status = status(sessionId);
        if (!"ENDED".equals(status)) {
            throw new AssertionError("ended, yet " + status);
        }
    }

    /**
     * The connector holds one open partner session per device; the next request for the device is rejected
     * (SESSION_ALREADY_OPEN) until it has read the previous session's SessionEnded. An admin sees the session ended at
     * once; the connector may be a moment behind, more so through faults. The soak waits for it, so that every session
     * it counts is one that could start.
     */
    private void awaitPartnerSessionClosed(String previous) {
        try {
            await().atMost(STEP).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                List<String[]> partner = databases.partnerSessions(List.of(previous)).get(previous);
                return partner == null || !"OPEN".equals(partner.get(0)[1]);
            });
        } catch (RuntimeException e) {
            // counted later: the session's partner session is not closed
        }
    }

    private boolean startedByAdmin(String sessionId) {
        try {
            JsonNode session = api.session(sessionId);
            return Set.of("IN_PROGRESS", "ENDED").contains(session.path("status").asText())
                    || !session.path("adminStartedAt").isNull() && !session.path("adminStartedAt").isMissingNode();
        } catch (IOException e) {
            return false;
        }
    }

    private String status(String sessionId) {
        try {
            return api.session(sessionId).path("status").asText();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    interface Call {
        Api.Reply call() throws IOException;
    }

    /** A client through faults: a service not answering, or answering 5xx, is asked again. */
    private static void retry(Call call, Predicate<Api.Reply> done) {
        Instant deadline = Instant.now().plus(STEP);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                Api.Reply reply = call.call();
                if (done.test(reply)) {
                    return;
                }
                last = reply.status() + " " + reply.text();
                if (reply.status() < 500 && reply.status() != 409) {
                    break;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            RunningSystem.pause(1_000);
        }
        throw new AssertionError("gave up: " + firstLine(last));
    }

    // --- the faults

    /** Faults in turn, one every few seconds, until the admins are done. */
    void injectFaults() {
        List<String> schedule = new ArrayList<>();
        if (FAULTS.contains("kafka")) {
            schedule.add("kafka");
        }
        if (FAULTS.contains("postgres")) {
            schedule.add("postgres");
        }
        if (FAULTS.contains("kill")) {
            for (int instance = 1; instance <= INSTANCES; instance++) {
                String suffix = instance == 1 ? "" : "#" + instance;
                RunningSystem.SERVICES.forEach(service -> schedule.add("kill " + service + suffix));
            }
        }
        if (schedule.isEmpty()) {
            cyclesDone.set(Integer.MAX_VALUE);
            return;
        }
        int next = 0;
        while (faultsRunning.get()) {
            RunningSystem.pause(FAULT_GAP * 1_000L);
            if (!faultsRunning.get()) {
                return;
            }
            String fault = schedule.get(next);
            Instant at = Instant.now();
            try {
                inject(fault);
                faultLog.add(String.format("%s %s (%d s to recover)", at, fault,
                        Duration.between(at, Instant.now()).toSeconds()));
            } catch (RuntimeException e) {
                faultLog.add(at + " " + fault + " FAILED: " + e.getMessage());
                system.heal();
            }
            next = (next + 1) % schedule.size();
            if (next == 0) {
                cyclesDone.incrementAndGet();
            }
        }
    }

    private static void inject(String fault) {
        switch (fault) {
            case "kafka" -> {
                system.stopKafka();
                RunningSystem.pause(OUTAGE * 1_000L);
                system.startKafka();
            }
            case "postgres" -> {
                system.stopPostgres();
                RunningSystem.pause(OUTAGE * 1_000L);
                system.startPostgres();
            }
            default -> {
                String service = fault.substring("kill ".length());
                system.kill(service);
                system.restart(service);
            }
        }
    }

    // --- counting

    /** Lets the consumers and relays catch up: outboxes empty, partner sessions closed, notifications withdrawn. */
    private void settle(Set<String> ids) {
        try {
            await().atMost(SETTLE).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() ->
                    databases.outboxRows().values().stream().allMatch(rows -> rows == 0)
                            && databases.partnerSessions(ids).values().stream()
                                    .allMatch(rows -> rows.stream().noneMatch(row -> "OPEN".equals(row[1])
                                            || "CLOSE_PENDING".equals(row[1])))
                            && databases.notifications(ids).values().stream()
                                    .allMatch(rows -> rows.stream().noneMatch(row -> "true".equals(row[1])))
                            && deviceServiceCaughtUp(ids));
        } catch (RuntimeException e) {
            System.out.println("The system did not settle in " + SETTLE.toMinutes() + " minutes; counting as it is");
        }
    }

    /**
     * device-service knows every session session-service stored, each in a final state. A service killed last by the
     * faults may still be waiting for its partitions when everything else has settled; a session it has not read yet is
     * no row at all, not a row in the wrong state, so absence counts as "not yet".
     */
    private static boolean deviceServiceCaughtUp(Set<String> ids) throws Exception {
        Map<String, List<String[]>> deviceSessions = databases.deviceSessions(ids);
        return deviceSessions.keySet().containsAll(databases.sessions(ids).keySet())
                && deviceSessions.values().stream().allMatch(rows -> rows.stream().allMatch(row -> terminal(row[0])));
    }

    private static boolean terminal(String status) {
        return Set.of("ENDED", "REJECTED", "EXPIRED").contains(status);
    }

    Report count(Set<String> ids, List<String> devices) throws Exception {
        Report report = new Report();
        report.sessionsRequested = ids.size();
        Map<String, List<String[]>> stored = databases.sessions(ids);
        Map<String, List<String[]>> partner = databases.partnerSessions(ids);
        Map<String, List<String[]>> notifications = databases.notifications(ids);
        Map<String, List<String[]>> deviceSessions = databases.deviceSessions(ids);
        report.stored = stored.size();
        for (List<String[]> rows : stored.values()) {
            String[] row = rows.get(0); // status, end_reason, acknowledged, notified, started
            report.acknowledged += "true".equals(row[2]) ? 1 : 0;
            report.notified += "true".equals(row[3]) ? 1 : 0;
            report.inProgress += "true".equals(row[4]) ? 1 : 0;
            report.ended += "ENDED".equals(row[0]) ? 1 : 0;
            report.completed += "ENDED".equals(row[0]) && "COMPLETED".equals(row[1]) ? 1 : 0;
            report.byStatus.merge(row[0] + (row[1] == null ? "" : "/" + row[1]), 1, Integer::sum);
        }
        report.partnerSessions = partner.values().stream().mapToInt(List::size).sum();
        report.partnerClosed = partner.values().stream().flatMap(List::stream)
                .filter(row -> "CLOSED".equals(row[1])).count();
        report.notifications = notifications.values().stream().mapToInt(List::size).sum();
        report.notificationsWithdrawn = notifications.values().stream().flatMap(List::stream)
                .filter(row -> "false".equals(row[1])).count();
        report.deviceEnded = deviceSessions.values().stream().flatMap(List::stream)
                .filter(row -> "ENDED".equals(row[0])).count();
        report.overviewsCorrect = overviewsShowingTheirLastSession(devices);

        Predicate<ConsumerRecord<String, String>> fromServices = record -> !FaultTests.TEST_SOURCE.equals(
                TopicReader.header(record, CloudEventCodec.HEADER_SOURCE));
        for (String topic : List.of(Topics.SESSION_REQUESTED, Topics.SESSION_ACKNOWLEDGED, Topics.SESSION_REJECTED,
                Topics.SESSION_STARTED, Topics.SESSION_ENDED, Topics.NOTIFICATION_ISSUED)) {
            List<ConsumerRecord<String, String>> records = TopicReader.readAll(system.kafka(), topic).stream()
                    .filter(fromServices).filter(record -> ids.contains(record.key())).toList();
            Map<String, Long> distinct = TopicReader.distinctEventsPerKey(records, ids);
            report.topics.put(topic, new long[] {distinct.values().stream().mapToLong(Long::longValue).sum(),
                    records.size(), distinct.size(), distinct.values().stream().filter(n -> n > 1).count()});
        }
        List<ConsumerRecord<String, String>> deadLetters = TopicReader.readAll(system.kafka(), Topics.DEAD_LETTER);
        report.deadLettersTotal = deadLetters.size();
        List<ConsumerRecord<String, String>> ours = deadLetters.stream().filter(r -> ids.contains(r.key())).toList();
        report.deadLetters = ours.size();
        report.deadLetterReasons = ours.stream().collect(Collectors.groupingBy(
                record -> TopicReader.header(record, "dead-letter-topic") + ": "
                        + shortened(TopicReader.header(record, "dead-letter-reason")), TreeMap::new,
                Collectors.counting()));
        report.outbox = databases.outboxRows();

        for (String id : ids) {
            List<String[]> session = stored.get(id);
            boolean correct = session != null && "ENDED".equals(session.get(0)[0])
                    && "COMPLETED".equals(session.get(0)[1]) && "true".equals(session.get(0)[2])
                    && "true".equals(session.get(0)[3]) && "true".equals(session.get(0)[4])
                    && one(partner.get(id), row -> "CLOSED".equals(row[1]))
                    && one(notifications.get(id), row -> "false".equals(row[1]))
                    && one(deviceSessions.get(id), row -> "ENDED".equals(row[0]));
            if (!correct) {
                report.lost.put(id, describe(id, session, partner.get(id), notifications.get(id),
                        deviceSessions.get(id)));
            }
            if (size(partner.get(id)) > 1 || size(notifications.get(id)) > 1) {
                report.duplicated.add(id);
            }
        }
        return report;
    }

    /** Each device's overview points at its newest session, which has ended. */
    private long overviewsShowingTheirLastSession(List<String> devices) throws Exception {
        Map<String, String> last = new LinkedHashMap<>();
        synchronized (sessions) {
            sessions.forEach((session, device) -> last.put(device, session));
        }
        long correct = 0;
        try (Connection connection = system.superuser(); PreparedStatement statement = connection.prepareStatement(
                "SELECT d.ra_session_id::text, s.status FROM device.device d"
                        + " LEFT JOIN device.device_session s ON s.session_id = d.ra_session_id WHERE d.id = ?::uuid")) {
            for (String device : devices) {
                statement.setString(1, device);
                try (ResultSet rows = statement.executeQuery()) {
                    if (rows.next() && rows.getString(1) != null && rows.getString(1).equals(last.get(device))
                            && "ENDED".equals(rows.getString(2))) {
                        correct++;
                    }
                }
            }
        }
        return correct;
    }

    private String describe(String id, List<String[]> session, List<String[]> partner, List<String[]> notifications,
            List<String[]> deviceSessions) {
        return String.format("session %s; partner %s; notification %s; device %s; admin: %s",
                session == null ? "none" : String.join("/", session.get(0)), rows(partner), rows(notifications),
                rows(deviceSessions), stuck.getOrDefault(id, "completed the journey"));
    }

    private static String rows(List<String[]> rows) {
        return rows == null ? "none" : rows.stream().map(row -> String.join("/", row))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static boolean one(List<String[]> rows, Predicate<String[]> correct) {
        return rows != null && rows.size() == 1 && correct.test(rows.get(0));
    }

    private static int size(List<String[]> rows) {
        return rows == null ? 0 : rows.size();
    }

    /** Everything counted, and the bar it is held to. */
    final class Report {
        int sessionsRequested;
        int stored;
        int acknowledged;
        int notified;
        int inProgress;
        int ended;
        int completed;
        final Map<String, Integer> byStatus = new TreeMap<>();
        int partnerSessions;
        long partnerClosed;
        int notifications;
        long notificationsWithdrawn;
        long deviceEnded;
        long overviewsCorrect;
        /** topic -> {distinct events, records, sessions with one or more, sessions with more than one}. */
        final Map<String, long[]> topics = new LinkedHashMap<>();
        int deadLettersTotal;
        int deadLetters;
        Map<String, Long> deadLetterReasons = Map.of();
        Map<String, Long> outbox = Map.of();
        final Map<String, String> lost = new TreeMap<>();
        final List<String> duplicated = new ArrayList<>();

        long doubledEvents() {
            return topics.values().stream().mapToLong(counts -> counts[3]).sum();
        }

        void print(Duration ran) {
            StringBuilder out = new StringBuilder();
            out.append(String.format("%n=== Soak: %d sessions on %d devices, %d instance(s) of each service, in %d min"
                    + " %02d s, %d faults ===%n", sessionsRequested, DEVICES, INSTANCES, ran.toMinutes(),
                    ran.toSecondsPart(), faultLog.size()));
            faultLog.forEach(line -> out.append("  fault ").append(line).append('\n'));
            String rule = "+-----------------------------------------------------------+------------------+\n";
            out.append(rule);
            row(out, "measure", "count");
            out.append(rule);
            row(out, "sessions requested (admins)", sessionsRequested);
            row(out, "sessions stored (session schema)", stored);
            row(out, "reached ACKNOWLEDGED", acknowledged);
            row(out, "reached notified (notifiedAt)", notified);
            row(out, "reached IN_PROGRESS", inProgress);
            row(out, "reached ENDED (of which COMPLETED)", ended + " (" + completed + ")");
            row(out, "final statuses", byStatus.toString());
            row(out, "partner sessions created (connector schema)", partnerSessions);
            row(out, "partner sessions closed", partnerClosed);
            row(out, "notifications issued (notification schema)", notifications);
            row(out, "notifications withdrawn (not actionable)", notificationsWithdrawn);
            row(out, "device overview: sessions ENDED (device schema)", deviceEnded);
            row(out, "device overviews on their last session, ENDED", overviewsCorrect + " of " + DEVICES);
            topics.forEach((topic, counts) -> row(out, "events " + topic.substring(topic.indexOf('.') + 1)
                    + " (distinct / records)", counts[0] + " / " + counts[1]));
            row(out, "sessions with a doubled event (distinct ids > 1)", doubledEvents());
            row(out, "sessions duplicated (partner session / notification)", duplicated.size());
            row(out, "sessions lost (not in the correct final state)", lost.size());
            row(out, "admins that gave up on a session / on a request", stuck.size() + " / "
                    + requestsRefused.get());
            row(out, "outbox rows left " + String.join("/", outbox.keySet()), outbox.values().stream()
                    .map(String::valueOf).collect(Collectors.joining("/")));
            row(out, "dead letters (of soak sessions / all)", deadLetters + " / " + deadLettersTotal);
            out.append(rule);
            deadLetterReasons.forEach((reason, n) -> out.append(String.format("  dead letter x%d %s%n", n, reason)));
            lost.entrySet().stream().limit(20).forEach(e -> out.append(String.format("  lost %s: %s%n", e.getKey(),
                    e.getValue())));
            System.out.println(out);
        }

        private void row(StringBuilder out, String measure, Object count) {
            out.append(String.format("| %-57s | %16s |%n", measure, count));
        }

        void assertBar() {
            long[] requested = topics.get(Topics.SESSION_REQUESTED);
            long[] acknowledgedEvents = topics.get(Topics.SESSION_ACKNOWLEDGED);
            long[] rejected = topics.get(Topics.SESSION_REJECTED);
            long[] issued = topics.get(Topics.NOTIFICATION_ISSUED);
            long[] endedEvents = topics.get(Topics.SESSION_ENDED);
            assertAll("the soak's bar",
                    () -> assertTrue(sessionsRequested >= SESSIONS, "sessions run: " + sessionsRequested),
                    () -> assertEquals(0, requestsRefused.get(), "requests never accepted"),
                    () -> assertEquals(Map.of(), lost, "sessions not in their correct final state"),
                    () -> assertEquals(List.of(), duplicated, "sessions with two partner sessions or notifications"),
                    () -> assertEquals(0, doubledEvents(), "sessions with an event published twice under two ids"),
                    () -> assertEquals(sessionsRequested, stored),
                    () -> assertEquals(sessionsRequested, partnerSessions),
                    () -> assertEquals(sessionsRequested, notifications),
                    () -> assertEquals(sessionsRequested, requested[0]),
                    () -> assertEquals(sessionsRequested, acknowledgedEvents[0]),
                    () -> assertEquals(sessionsRequested, issued[0]),
                    () -> assertEquals(sessionsRequested, endedEvents[0]),
                    () -> assertEquals(0, rejected[0], "sessions rejected"),
                    () -> assertEquals(DEVICES, overviewsCorrect, "device overviews"),
                    () -> assertTrue(outbox.values().stream().allMatch(rows -> rows == 0), "outbox left: " + outbox),
                    () -> assertEquals(0, deadLetters, "dead letters of valid events: " + deadLetterReasons),
                    () -> assertTrue(cyclesDone.get() >= CYCLES, "fault cycles done: " + cyclesDone.get()));
        }
    }

    private static String shortened(String value) {
        if (value == null) {
            return "(no reason)";
        }
        String line = firstLine(value);
        return line.length() > 140 ? line.substring(0, 140) + "…" : line;
    }

    private static String firstLine(String value) {
        int newline = value.indexOf('\n');
        return newline < 0 ? value : value.substring(0, newline);
    }

}
