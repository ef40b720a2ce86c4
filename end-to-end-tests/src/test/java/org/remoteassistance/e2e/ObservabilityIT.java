package org.remoteassistance.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.SessionAcknowledged;
import org.remoteassistance.events.Topics;
import org.remoteassistance.testing.KafkaTestClient;

/**
 * What {@code deploy/observability/} asks of the services (on the system the fault tests share): every metric its Prometheus alert rules and its Grafana
 * dashboard query is one the four services really export on {@code /q/metrics}, after a journey and a dead letter
 * (counters appear with their first count), and the business steps count what happened; with a collector given, one
 * session is one trace across the four services; JSON log lines, switched on by the environment, carry the trace and
 * the session they are about.
 */
class ObservabilityIT extends FaultTests {

    static final List<String> SERVICES = List.of("device", "session", "notification", "connector");
    /** Series Prometheus makes itself, not the services. */
    static final Set<String> PROMETHEUS_OWN = Set.of("up");
    static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

    @Test
    void everyMetricTheAlertsAndTheDashboardQueryIsOneTheServicesExport() throws Exception {
        String deviceId = api.knownDevices("observability", 1, WAIT).get(0);
        double endedBefore = api.metricSum("session", "sessions_ended_total", "reason=\"COMPLETED\"");
        String sessionId = api.requestSession(deviceId);
        // a second session on a device with one open: refused, and counted as refused
        api.expect(409, "POST", "session", "/api/sessions", Map.of("deviceId", deviceId));
        api.awaitAcknowledgedAndNotified(sessionId, WAIT);
        api.startAllowEnd(sessionId, deviceId, "COMPLETED");
        // a record no consumer can read: dead-lettered with its reason, and counted
        String marker = UUID.randomUUID().toString();
        KafkaTestClient.publish(system.kafka(), Topics.SESSION_REQUESTED, marker, "this is not an event",
                Map.of(CloudEventCodec.HEADER_ID, marker));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                api.metricSum("session", "events_dead_lettered_total", Topics.SESSION_REQUESTED) >= 1
                        && api.metricSum("session", "sessions_ended_total", "reason=\"COMPLETED\"")
                                >= endedBefore + 1);

        Map<String, Set<String>> exported = new TreeMap<>();
        for (String service : SERVICES) {
            exported.put(service, exportedNames(service));
        }
        Set<String> all = exported.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        Map<String, Set<String>> queried = queriedMetrics();
        assertFalse(queried.isEmpty());
        List<String> missing = new ArrayList<>();
        queried.forEach((where, names) -> names.stream().filter(name -> !all.contains(name))
                .forEach(name -> missing.add(name + " (" + where + ")")));
        assertEquals(List.of(), missing, "metrics the alerts or the dashboard query that no service exports");

        // each service reports its own readiness (checked every 10 s) and its outbox's age
        for (String service : SERVICES) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> api.metric(service, "service_ready") == 1.0);
            assertTrue(exported.get(service).contains("outbox_oldest_age_seconds"), service + "'s outbox age");
        }
        assertTrue(api.metricSum("session", "sessions_time_to_notify_seconds_count", "") >= 1,
                "the time to notify was measured");
    }

    /**
     * With a collector given (the end-to-end system gives one), one session is one trace: from the admin's HTTP request through the session-requested
     * event, the connector and its partner call, the acknowledgement, the notification and the device's and the
     * session's updates, every service's spans share the trace id the request started, carried through each outbox
     * in the records' {@code traceparent}. With JSON logs on, the line about an event carries that event's trace and
     * span ids and its session.
     */
    @Test
    void oneSessionIsOneTraceAcrossTheServicesAndItsLogLinesCarryTheTraceAndTheSession() throws Exception {
        Path log = system.log("session");
        long before = Files.size(log);
        // kept for the rest of this test JVM's run (no other test reads the services' logs)
        system.restartWith(Map.of("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true"), "session");
        String deviceId = api.knownDevices("traces", 1, WAIT).get(0);
        String sessionId = api.requestSession(deviceId);
        api.awaitAcknowledgedAndNotified(sessionId, WAIT);

        // the request's trace; the admin's and the device user's later requests (start, answer, end) are traces of
        // their own
        String traceId = traceIdOf(record(Topics.SESSION_REQUESTED, sessionId));
        for (String topic : List.of(Topics.SESSION_ACKNOWLEDGED, Topics.NOTIFICATION_ISSUED)) {
            assertEquals(traceId, traceIdOf(record(topic, sessionId)), "the trace carried on " + topic);
        }
        List<String> expected = List.of(
                "session-service SERVER POST /api/sessions",
                "session-service PRODUCER publish " + Topics.SESSION_REQUESTED,
                "connector-service CONSUMER process " + Topics.SESSION_REQUESTED,
                "connector-service CLIENT partner create session",
                "connector-service PRODUCER publish " + Topics.SESSION_ACKNOWLEDGED,
                "notification-service CONSUMER process " + Topics.SESSION_ACKNOWLEDGED,
                "notification-service PRODUCER publish " + Topics.NOTIFICATION_ISSUED,
                "session-service CONSUMER process " + Topics.NOTIFICATION_ISSUED,
                "device-service CONSUMER process " + Topics.NOTIFICATION_ISSUED);
        List<String> seen = new ArrayList<>();
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                seen.clear();
                system.traces().trace(traceId).forEach(span -> seen.add(span.service() + " "
                        + span.kind().replace("SPAN_KIND_", "") + " " + span.name()));
                return seen.containsAll(expected);
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("spans of trace " + traceId + ": " + seen + "; missing: "
                    + expected.stream().filter(span -> !seen.contains(span)).toList() + "; received in all: "
                    + system.traces().received(), e);
        }
        Set<String> services = system.traces().trace(traceId).stream().map(TraceCollector.ExportedSpan::service)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("connector-service", "device-service", "notification-service", "session-service"),
                services, "the services in the trace: " + seen);

        // an acknowledgement naming another device, in a trace of the publisher's: dead-lettered, with a WARN line
        // about the session that carries that trace
        String publisherTrace = HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(16)
                .putLong(UUID.randomUUID().getMostSignificantBits()).putLong(System.nanoTime()).array());
        SessionAcknowledged wrongDevice = new SessionAcknowledged(UUID.fromString(sessionId), UUID.randomUUID(),
                "teamviewer", "s1-234-567", "https://get.teamviewer.com/s1/supporter",
                "https://get.teamviewer.com/s1", Instant.now().plus(Duration.ofHours(1))
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        CloudEvent<SessionAcknowledged> event = new CloudEvent<>(UUID.randomUUID().toString(),
                EventType.SESSION_ACKNOWLEDGED, TEST_SOURCE, Instant.now(), CloudEventCodec.SCHEMA_VERSION,
                wrongDevice);
        Map<String, String> headers = new java.util.HashMap<>(CloudEventCodec.binaryHeaders(event));
        headers.put("traceparent", "00-" + publisherTrace + "-00f067aa0ba902b7-01");
        KafkaTestClient.publish(system.kafka(), Topics.SESSION_ACKNOWLEDGED, sessionId,
                CloudEventCodec.dataJson(wrongDevice), headers);

        List<JsonNode> about = new ArrayList<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            about.clear();
            about.addAll(jsonLinesSince(log, before).stream()
                    .filter(line -> line.path("message").asText().contains(sessionId)).toList());
            return about.stream().anyMatch(line -> "WARN".equals(line.path("level").asText()));
        });
        for (JsonNode line : about) {
            assertEquals(sessionId, line.path("mdc").path("sessionId").asText(), "the session of " + line);
        }
        JsonNode refusal = about.stream().filter(line -> "WARN".equals(line.path("level").asText())).findFirst()
                .orElseThrow();
        assertEquals(publisherTrace, refusal.path("mdc").path("traceId").asText(), "the trace of " + refusal);
        assertEquals(16, refusal.path("mdc").path("spanId").asText().length(), "a span of its own: " + refusal);
    }

    private static ConsumerRecord<String, String> record(String topic, String key) {
        return TopicReader.readAll(system.kafka(), topic).stream().filter(record -> key.equals(record.key()))
                .findFirst().orElseThrow(() -> new AssertionError("no record for " + key + " on " + topic));
    }

    /** The trace id of a record's W3C {@code traceparent}: {@code 00-<trace id>-<span id>-<flags>}. */
    private static String traceIdOf(ConsumerRecord<String, String> record) {
        String traceparent = TopicReader.header(record, "traceparent");
        assertNotNull(traceparent, "no traceparent on " + record.topic() + "@" + record.offset());
        return traceparent.split("-")[1];
    }

    /** The log's lines written after {@code offset} that are JSON objects (every one, with JSON logs on). */
    private static List<JsonNode> jsonLinesSince(Path log, long offset) throws Exception {
        byte[] all = Files.readAllBytes(log);
        String text = new String(all, (int) offset, all.length - (int) offset, java.nio.charset.StandardCharsets.UTF_8);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (line.startsWith("{")) {
                lines.add(CloudEventCodec.json().readTree(line));
            }
        }
        return lines;
    }

    /** The metric names of one service's {@code /q/metrics}, as Prometheus would store them. */
    private static Set<String> exportedNames(String service) throws Exception {
        String text = api.call("GET", service, "/q/metrics", null, Map.of("Accept", "text/plain")).text();
        return text.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every metric name in an alert rule's or a dashboard panel's expression, by where it is queried. */
    private static Map<String, Set<String>> queriedMetrics() throws Exception {
        Path folder = ProjectRoot.find().resolve("deploy/observability");
        Map<String, Set<String>> queried = new TreeMap<>();
        Map<String, Object> rules = new org.yaml.snakeyaml.Yaml().load(
                Files.readString(folder.resolve("prometheus-rules.yml")));
        JsonNode ruleTree = CloudEventCodec.json().valueToTree(rules);
        for (JsonNode group : ruleTree.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                queried.put("alert " + rule.path("alert").asText(), metricNames(rule.path("expr").asText()));
            }
        }
        JsonNode dashboard = CloudEventCodec.json().readTree(folder.resolve("grafana-dashboard.json").toFile());
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queried.computeIfAbsent("panel " + panel.path("title").asText(), p -> new TreeSet<>())
                        .addAll(metricNames(target.path("expr").asText()));
            }
        }
        queried.values().forEach(names -> names.removeAll(PROMETHEUS_OWN));
        return queried;
    }

    /**
     * The metric names in a PromQL expression: what is left once strings, label matchers, ranges and grouping
     * clauses are taken out, neither a function (followed by a parenthesis), a number nor a PromQL word.
     */
    static Set<String> metricNames(String expression) {
        String bare = expression.replaceAll("\"[^\"]*\"", "\"\"")
                .replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^]]*]", "")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
        Set<String> names = new TreeSet<>();
        Matcher identifier = Pattern.compile("(?<![\\w.])[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()").matcher(bare);
        while (identifier.find()) {
            if (!PROMQL_WORDS.contains(identifier.group().toLowerCase(java.util.Locale.ROOT))) {
                names.add(identifier.group());
            }
        }
        return names;
    }

    @Test
    void metricNamesAreReadFromPromqlWithoutFunctionsLabelsOrRanges() {
        assertEquals(Set.of("sessions_time_to_notify_seconds_bucket"), metricNames(
                "histogram_quantile(0.95, sum by (le) (rate(sessions_time_to_notify_seconds_bucket[5m])))"));
        assertEquals(Set.of("events_dead_lettered_total"), metricNames(
                "sum by (job, topic) (increase(events_dead_lettered_total{topic=~\"a|b\"}[10m])) > 0"));
        assertEquals(Set.of("partner_circuit_open", "up"), metricNames(
                "max by (instance) (partner_circuit_open) == 1 and on (instance) up == 1"));
    }
}
