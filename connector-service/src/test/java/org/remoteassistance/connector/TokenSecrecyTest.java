package org.remoteassistance.connector;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remoteassistance.connector.partner.InjectTeamViewerStub;
import org.remoteassistance.connector.partner.PartnerClient;
import org.remoteassistance.connector.partner.PartnerRefusedException;
import org.remoteassistance.connector.partner.PartnerUnavailableException;
import org.remoteassistance.connector.partner.SessionRequest;
import org.remoteassistance.connector.partner.TeamViewerProfile;
import org.remoteassistance.connector.partner.TeamViewerStub;
import org.remoteassistance.connector.partner.TeamViewerStub.Reply;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.DeviceSnapshot;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.SessionEnded;
import org.remoteassistance.events.SessionRequested;
import org.remoteassistance.events.Topics;
import org.remoteassistance.testing.KafkaTestClient;
import org.remoteassistance.testing.ServiceTestResource;

/**
 * The partner API token goes in once and never comes out: not in an HTTP answer (accepted, refused, malformed,
 * partner down), not in the service's log, not in any event on any topic (dead letters included), not in an
 * exception message, even when the partner echoes the token back in its error text. Runs the real TeamViewer client
 * against the stub, which can be told to echo.
 */
@QuarkusTest
@TestProfile(TeamViewerProfile.class)
@QuarkusTestResource(ServiceTestResource.class)
class TokenSecrecyTest {

    static final String PATH = ConnectorResourceTest.PATH;
    static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @ConfigProperty(name = "quarkus.log.file.path")
    String logFile;

    @Inject
    Database database;

    @Inject
    PartnerClient partner;

    @InjectTeamViewerStub
    TeamViewerStub stub;

    /** Every token this test hands to the service, and every answer the service gave. */
    private final List<String> secrets = new ArrayList<>();
    private final List<String> answers = new ArrayList<>();

    /** The stub's and the client's first call can be slow on a busy machine; the tests need prompt answers. */
    @BeforeEach
    void partnerAnswers() {
        String warmUp = stub.newValidToken();
        Events.eventually("the partner stub answers", WAIT, () -> {
            try {
                return partner.ping(warmUp);
            } catch (PartnerUnavailableException e) {
                return false;
            }
        });
    }

    @Test
    void theTokenIsInNoAnswerLogLineOrEventThroughConnectRefusalsSessionsAndPartnerErrors() {
        // refused by the partner: unknown, 401 echoing it, 400 echoing it; the partner down and echoing it
        String unknown = secret("refused-" + UUID.randomUUID());
        assertEquals(422, put(unknown).statusCode());

        String revoked = secret(stub.newValidToken());
        stub.script(revoked, Reply.status(401, "invalid_token", "Token " + revoked + " is revoked"));
        assertEquals(422, put(revoked).statusCode());

        String echoed = secret(stub.newValidToken());
        stub.script(echoed, Reply.status(400, "invalid_request", "Bad token " + echoed));
        Response refusedWithEcho = put(echoed);
        assertEquals(422, refusedWithEcho.statusCode());
        assertTrue(refusedWithEcho.asString().contains("[token]"),
                "the partner's echo reached the answer, redacted: " + refusedWithEcho.asString());

        String whileDown = secret(stub.newValidToken());
        Reply down = Reply.status(500, "internal_error", "Failed for token " + whileDown);
        stub.script(whileDown, down, down, down);
        Response unavailable = put(whileDown);
        assertEquals(503, unavailable.statusCode());
        assertTrue(unavailable.asString().contains("[token]"), unavailable.asString());

        // malformed: a token pasted without quotes (the JSON parser quotes the word it cannot read, and an
        // alphanumeric token is one word), or with a line break
        String unquoted = secret("unquoted" + UUID.randomUUID().toString().replace("-", ""));
        Response notJson = answer(given().contentType(ContentType.JSON).body("{\"apiToken\": " + unquoted + "}")
                .when().put(PATH));
        assertEquals(400, notJson.statusCode());
        assertTrue(notJson.contentType().startsWith("application/problem+json"), notJson.contentType());
        assertTrue(notJson.asString().contains("expected {\\\"apiToken\\\""),
                "the connector's own mapper answered, with the position only: " + notJson.asString());
        String withLineBreak = secret("linebreak-" + UUID.randomUUID()) + "\r\nX-Injected: yes";
        assertEquals(400, put(withLineBreak).statusCode());

        // accepted; a session is acknowledged, ends, and its partner session is closed
        String token = secret(stub.newValidToken());
        assertEquals(200, put(token).statusCode());
        answer(given().when().get(PATH));
        UUID device = registeredDevice();
        CloudEvent<SessionRequested> first = request(device);
        Events.publish(kafka, first);
        one(Topics.SESSION_ACKNOWLEDGED, first.data().sessionId());
        Events.publish(kafka, Events.event(EventType.SESSION_ENDED,
                new SessionEnded(first.data().sessionId(), device, "ENDED", "COMPLETED", Instant.now())));
        Events.eventually("the partner session is closed", WAIT, () -> "CLOSED".equals(
                database.partnerSession(first.data().sessionId()).orElseThrow().get("state")));

        // the partner now answers 401, echoing the token after a long text, right where a message would be cut
        stub.script(token, Reply.status(401, "invalid_token", "x".repeat(270) + token + " was revoked"));
        CloudEvent<SessionRequested> second = request(device);
        Events.publish(kafka, second);
        String rejection = one(Topics.SESSION_REJECTED, second.data().sessionId()).value();
        assertTrue(rejection.contains("PARTNER_REFUSED"), rejection);
        Response inError = answer(given().when().get(PATH));
        assertEquals("ERROR", inError.jsonPath().getString("status"));
        assertTrue(inError.jsonPath().getString("lastError").contains("[token]"), inError.asString());

        // a malformed event: the dead-letter topic then holds a record of this test
        UUID broken = UUID.randomUUID();
        KafkaTestClient.publish(kafka, Topics.SESSION_REQUESTED, broken.toString(),
                "{\"sessionId\":\"" + broken + "\"}", CloudEventCodec.binaryHeaders(request(device)));
        one(Topics.DEAD_LETTER, broken);

        answer(given().when().delete(PATH));

        for (String answer : answers) {
            assertNoSecret("an HTTP answer", answer);
        }
        assertNoSecretInTheLog(second.data().sessionId());
        assertNoSecretOnAnyTopic(Map.of(
                Topics.SESSION_REQUESTED, Set.of(first.data().sessionId().toString(), broken.toString()),
                Topics.SESSION_ACKNOWLEDGED, Set.of(first.data().sessionId().toString()),
                Topics.SESSION_REJECTED, Set.of(second.data().sessionId().toString()),
                Topics.SESSION_ENDED, Set.of(first.data().sessionId().toString()),
                Topics.DEVICES, Set.of(device.toString()),
                Topics.DEAD_LETTER, Set.of(broken.toString())));
    }

    @Test
    void noExceptionOfThePartnerClientCarriesTheToken() {
        String refused = secret(stub.newValidToken());
        stub.script(refused, Reply.status(401, "invalid_token", "y".repeat(270) + refused + " was revoked"));
        assertNoSecret(assertThrows(PartnerRefusedException.class,
                () -> partner.createSession(refused, new SessionRequest("s", null))));

        String down = secret(stub.newValidToken());
        Reply failing = Reply.status(500, "internal_error", "Failed for " + down);
        stub.script(down, failing, failing, failing);
        assertNoSecret(assertThrows(PartnerUnavailableException.class, () -> partner.ping(down)));

        String createFailed = secret(stub.newValidToken());
        stub.script(createFailed, Reply.status(502, "bad_gateway", "Upstream rejected " + createFailed));
        assertNoSecret(assertThrows(PartnerUnavailableException.class,
                () -> partner.createSession(createFailed, new SessionRequest("s", null))));

        String unknownCode = secret(stub.newValidToken());
        stub.script(unknownCode, Reply.status(404, unknownCode, "No session for " + unknownCode));
        PartnerRefusedException notFound = assertThrows(PartnerRefusedException.class,
                () -> partner.getSession(unknownCode, "s00-000-000"));
        assertNoSecret(notFound);
        assertNoSecret("the partner's error code", notFound.error());

        // a token the HTTP client cannot put in a header (stored before tokens were checked, say): the client's
        // IllegalArgumentException quotes the whole header value, "Bearer <token>"
        String unsendable = secret("unsendable-" + UUID.randomUUID());
        RuntimeException notSent = assertThrows(RuntimeException.class,
                () -> partner.ping(unsendable + "\r\nX-Injected: yes"));
        assertNoSecret(notSent);
    }

    private String secret(String token) {
        secrets.add(token);
        return token;
    }

    private Response put(String token) {
        return answer(given().contentType(ContentType.JSON).body(Map.of("apiToken", token)).when().put(PATH));
    }

    private Response answer(Response response) {
        answers.add(response.getStatusLine() + "\n" + response.getHeaders() + "\n" + response.asString());
        return response;
    }

    /** Neither the token nor a distinctive piece of it (13 characters of its random part, as a cut could leave). */
    private void assertNoSecret(String where, String text) {
        if (text == null) {
            return;
        }
        for (String secret : secrets) {
            assertFalse(text.contains(secret), "the token is in " + where + ": " + text);
            String fragment = distinctive(secret);
            assertFalse(text.contains(fragment), "part of the token (" + fragment + ") is in " + where + ": " + text);
        }
    }

    private void assertNoSecret(Throwable thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        assertNoSecret("an exception's stack trace", trace.toString());
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            assertNoSecret("an exception message", cause.getMessage());
            assertNoSecret("an exception", cause.toString());
            if (cause instanceof PartnerRefusedException refusal) {
                assertNoSecret("the partner's error code", refusal.error());
            }
        }
    }

    private static String distinctive(String secret) {
        int uuid = secret.length() - 36;
        return uuid >= 0 ? secret.substring(uuid, uuid + 13) : secret;
    }

    /** The service's own log file (DEBUG for its package, see %test in application.properties), rotated parts too. */
    private void assertNoSecretInTheLog(UUID rejectedSession) {
        Path log = Path.of(logFile).toAbsolutePath();
        Events.eventually("the rejection is in the log", WAIT, () -> read(log).contains(rejectedSession.toString()));
        String text = read(log);
        assertTrue(text.contains("[token]"), "the partner's echoes were logged, redacted");
        assertNoSecret("the log", text);
    }

    private static String read(Path log) {
        try (Stream<Path> files = Files.list(log.getParent())) {
            StringBuilder text = new StringBuilder();
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(log.getFileName().toString()))
                    .toList()) {
                text.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads every remote-assistance.* topic from the beginning, as another service would, and checks each record's
     * key, value and headers; the keys of this test's own records show that each topic was read far enough.
     */
    private void assertNoSecretOnAnyTopic(Map<String, Set<String>> expectedKeys) {
        Set<String> topics;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            topics = admin.listTopics().names().get().stream().filter(name -> name.startsWith("remote-assistance."))
                    .collect(Collectors.toSet());
        } catch (Exception e) {
            throw new IllegalStateException("could not list the topics", e);
        }
        assertTrue(topics.containsAll(expectedKeys.keySet()), "topics: " + topics);
        // each topic read to its end, again until this test's own records are all in: then every record the
        // journey above published has been looked at
        Map<String, String> leaks = new HashMap<>();
        Map<String, Set<String>> seen = new HashMap<>();
        Events.eventually("every topic is read up to this test's records", WAIT, () -> {
            leaks.clear();
            seen.clear();
            for (String topic : topics) {
                for (ConsumerRecord<String, String> record : KafkaTestClient.readToEnd(kafka, topic)) {
                    seen.computeIfAbsent(topic, t -> new HashSet<>()).add(String.valueOf(record.key()));
                    String text = asText(record);
                    secrets.stream().filter(s -> text.contains(s) || text.contains(distinctive(s))).findFirst()
                            .ifPresent(s -> leaks.put(topic + "@" + record.offset(), text));
                }
            }
            return expectedKeys.entrySet().stream().allMatch(expected ->
                    seen.getOrDefault(expected.getKey(), Set.of()).containsAll(expected.getValue()));
        });
        assertTrue(leaks.isEmpty(), "the token is in events: " + leaks);
    }

    private static String asText(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8));
        }
        return record.key() + "\n" + record.value() + "\n" + headers;
    }

    private ConsumerRecord<String, String> one(String topic, UUID key) {
        List<ConsumerRecord<String, String>> records = Events.await(kafka, topic, key, 1, WAIT);
        assertEquals(1, records.size(), "expected a record on " + topic + " for " + key);
        return records.get(0);
    }

    private UUID registeredDevice() {
        UUID device = UUID.randomUUID();
        Events.publish(kafka, Events.event(EventType.DEVICE_REGISTERED, new DeviceSnapshot(device, "PC-1",
                "WINDOWS", "11", "SN-" + device, "user@example.com", false, Instant.now())));
        Events.eventually("the connector knows the device", WAIT, () -> database.deviceKnown(device, false));
        return device;
    }

    private static CloudEvent<SessionRequested> request(UUID device) {
        return Events.event(EventType.SESSION_REQUESTED,
                new SessionRequested(UUID.randomUUID(), device, "admin@example.com", Instant.now()));
    }
}
