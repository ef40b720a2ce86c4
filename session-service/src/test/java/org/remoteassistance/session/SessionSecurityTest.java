package org.remoteassistance.session;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.SessionAcknowledged;
import org.remoteassistance.events.SessionRejected;
import org.remoteassistance.events.SessionRequested;
import org.remoteassistance.events.Topics;
import org.remoteassistance.localstack.SigningKeys;
import org.remoteassistance.localstack.Tokens;
import org.remoteassistance.testing.KafkaTestClient;
import org.remoteassistance.testing.ServiceTestResource;
import org.remoteassistance.testing.ServiceTestResource.TestTokens;

/**
 * Who may call what: bearer tokens verified by signature, issuer, audience and expiry; the roles of each endpoint;
 * device tokens confined to their own device and never shown the supporter link; open health, metrics and OpenAPI;
 * body size limit and CORS; other services' events held to this service's rules before they act.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class SessionSecurityTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String AUTHORIZATION = "Authorization";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    String publicKeyLocation;

    @TestHTTPResource("/api/sessions")
    URI sessionsUri;

    TestEvents events;

    @BeforeEach
    void connect() {
        events = new TestEvents(kafka);
    }

    @Test
    void everyEndpointWantsABearerToken() throws Exception {
        String id = UUID.randomUUID().toString();
        for (ValidatableResponse response : everyEndpointAs("")) {
            response.statusCode(401).contentType(PROBLEM_JSON).header("WWW-Authenticate", containsString("Bearer"));
        }
        // no Authorization header at all, as a plain HTTP client sends it
        HttpResponse<String> bare = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(sessionsUri.resolve("/api/sessions/" + id)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, bare.statusCode());
        assertTrue(bare.headers().firstValue("Content-Type").orElse("").startsWith(PROBLEM_JSON));
        assertTrue(bare.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    }

    @Test
    void tokensThatDoNotVerifyAreRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String otherKey = new Tokens(generator.generateKeyPair().getPrivate()).admin("intruder");
        String expired = TestTokens.tokens().sign("test-admin", "admin", null, Duration.ofMinutes(-5));
        PrivateKey ourKey = SigningKeys.readPrivateKey(Path.of(publicKeyLocation).getParent());
        String otherIssuer = sign(ourKey, "https://evil.example", Tokens.AUDIENCE);
        String otherAudience = sign(ourKey, Tokens.ISSUER, "another-product");
        String control = sign(ourKey, Tokens.ISSUER, Tokens.AUDIENCE);

        for (String token : List.of(otherKey, expired, otherIssuer, otherAudience, "not-a-jwt")) {
            given().header(AUTHORIZATION, TestTokens.bearer(token)).get("/api/sessions")
                    .then().statusCode(401).contentType(PROBLEM_JSON)
                    .header("WWW-Authenticate", containsString("Bearer"));
        }
        // the hand-made token is refused for its issuer or audience only: the same one done right is accepted
        given().header(AUTHORIZATION, TestTokens.bearer(control)).get("/api/sessions").then().statusCode(200);
    }

    @Test
    void helpdeskRunsSessionsButNeitherAnswersForTheDeviceNorReadsTheReport() {
        UUID deviceId = events.registeredDevice();
        String helpdesk = TestTokens.helpdesk("bob");
        String id = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId, Map.of(AUTHORIZATION, helpdesk)));
        SessionAcknowledged acknowledged = events.acknowledge(id, deviceId);

        given().header(AUTHORIZATION, helpdesk).get("/api/sessions/" + id).then().statusCode(200)
                .body("supporterLink", equalTo(acknowledged.supporterLink()));
        given().header(AUTHORIZATION, helpdesk).queryParam("deviceId", deviceId.toString()).get("/api/sessions")
                .then().statusCode(200).body("total", equalTo(1));
        given().header(AUTHORIZATION, helpdesk).post("/api/sessions/" + id + "/start").then().statusCode(200)
                .body("supporterLink", equalTo(acknowledged.supporterLink()));
        given().header(AUTHORIZATION, helpdesk).get("/api/sessions/" + id + "/audit").then().statusCode(200);
        answer(helpdesk, id, true).statusCode(403).contentType(PROBLEM_JSON);
        answer(TestTokens.admin(), id, true).statusCode(403).contentType(PROBLEM_JSON);
        given().header(AUTHORIZATION, helpdesk).get("/api/audit").then().statusCode(403).contentType(PROBLEM_JSON);
        given().get("/api/sessions/" + id).then().body("deviceAllowedAt", nullValue());

        given().header(AUTHORIZATION, helpdesk).contentType(ContentType.JSON).body(Map.of("reason", "COMPLETED"))
                .post("/api/sessions/" + id + "/end").then().statusCode(200).body("status", equalTo("ENDED"));
    }

    @Test
    void aDeviceReadsAndAnswersItsOwnSessionsWithoutTheSupporterLink() {
        UUID deviceId = events.registeredDevice();
        String id = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId));
        SessionAcknowledged acknowledged = events.acknowledge(id, deviceId);
        String device = TestTokens.device(deviceId);

        given().header(AUTHORIZATION, device).get("/api/sessions/" + id).then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"))
                .body("sessionCode", equalTo(acknowledged.sessionCode()))
                .body("endCustomerLink", equalTo(acknowledged.endCustomerLink()))
                .body("supporterLink", nullValue())
                .body(not(containsString(acknowledged.supporterLink())));
        answer(device, id, true).statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"))
                .body("deviceAllowedAt", notNullValue())
                .body("supporterLink", nullValue())
                .body(not(containsString(acknowledged.supporterLink())));

        // everything else is the admins' and help desk's
        given().header(AUTHORIZATION, device).get("/api/sessions").then().statusCode(403).contentType(PROBLEM_JSON);
        given().header(AUTHORIZATION, device).contentType(ContentType.JSON)
                .body(Map.of("deviceId", deviceId.toString())).post("/api/sessions")
                .then().statusCode(403).contentType(PROBLEM_JSON);
        given().header(AUTHORIZATION, device).post("/api/sessions/" + id + "/start")
                .then().statusCode(403).contentType(PROBLEM_JSON);
        given().header(AUTHORIZATION, device).contentType(ContentType.JSON).body(Map.of("reason", "CANCELLED"))
                .post("/api/sessions/" + id + "/end").then().statusCode(403).contentType(PROBLEM_JSON);
        given().header(AUTHORIZATION, device).get("/api/sessions/" + id + "/audit")
                .then().statusCode(403).contentType(PROBLEM_JSON);
        given().get("/api/sessions/" + id).then().body("status", equalTo("ACKNOWLEDGED"))
                .body("adminStartedAt", nullValue());
    }

    @Test
    void anotherDevicesSessionAnswersAsIfItDidNotExist() {
        UUID deviceId = events.registeredDevice();
        String id = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId));
        events.acknowledge(id, deviceId);
        String intruder = TestTokens.device(UUID.randomUUID());
        String unknown = UUID.randomUUID().toString();

        ValidatableResponse theirs = given().header(AUTHORIZATION, intruder).get("/api/sessions/" + id)
                .then().statusCode(404).contentType(PROBLEM_JSON);
        ValidatableResponse none = given().header(AUTHORIZATION, intruder).get("/api/sessions/" + unknown)
                .then().statusCode(404).contentType(PROBLEM_JSON);
        String title = none.extract().path("title");
        String detail = none.extract().path("detail");
        assertEquals(title, theirs.extract().path("title"), "nothing tells them apart");
        assertEquals(detail.replace(unknown, id), theirs.extract().path("detail"));

        answer(intruder, id, false).statusCode(404).contentType(PROBLEM_JSON).body("title", equalTo(title));
        // a device token that names no device reaches no session
        String unbound = TestTokens.bearer(TestTokens.tokens().sign("device:?", "device", null, Duration.ofHours(1)));
        given().header(AUTHORIZATION, unbound).get("/api/sessions/" + id).then().statusCode(404);

        given().get("/api/sessions/" + id).then().body("status", equalTo("ACKNOWLEDGED"))
                .body("endReason", nullValue());
    }

    @Test
    void anIdempotencyKeyIsItsCallersOwn() {
        UUID deviceId = events.registeredDevice();
        String key = "key-" + UUID.randomUUID();
        String adminsSession = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId,
                Map.of("Idempotency-Key", key)));

        // the same key from someone else is a request of its own: the device has an open session, so 409, and never
        // the admin's session with its code and link
        given().header(AUTHORIZATION, TestTokens.helpdesk("other-" + key)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(Map.of("deviceId", deviceId.toString())).post("/api/sessions")
                .then().statusCode(409).body("sessionId", equalTo(adminsSession));
        UUID otherDevice = events.registeredDevice();
        String othersSession = TestEvents.sessionId(TestEvents.requestWhenKnown(otherDevice,
                Map.of("Idempotency-Key", key, AUTHORIZATION, TestTokens.helpdesk("other-" + key))));
        assertTrue(!othersSession.equals(adminsSession));
        // the admin's own retry still answers with the admin's session
        given().header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("deviceId", deviceId.toString())).post("/api/sessions")
                .then().statusCode(202).body("id", equalTo(adminsSession));
    }

    @Test
    void healthMetricsAndOpenApiStayOpen() {
        await().atMost(TestEvents.WAIT).until(
                () -> given().header(AUTHORIZATION, "").get("/q/health/ready").statusCode() == 200);
        given().header(AUTHORIZATION, "").get("/q/health/ready").then()
                .body("checks.name", hasItem("kafka-topics"));
        given().header(AUTHORIZATION, "").get("/q/health/live").then().statusCode(200);
        given().header(AUTHORIZATION, "").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/sessions/{id}/device-response"));
    }

    @Test
    void bodiesOver64KiBAreRefused() {
        String huge = "{\"deviceId\": \"" + UUID.randomUUID() + "\", \"padding\": \"" + "x".repeat(70 * 1024) + "\"}";
        given().contentType(ContentType.JSON).body(huge).post("/api/sessions").then().statusCode(413);
    }

    @Test
    void theBrowserConsoleMayCallAcrossOrigins() {
        given().header(AUTHORIZATION, "").header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST").options("/api/sessions")
                .then().header("Access-Control-Allow-Origin", "http://localhost:3000");
        String other = given().header(AUTHORIZATION, "").header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").options("/api/sessions")
                .then().extract().header("Access-Control-Allow-Origin");
        assertTrue(other == null || !other.contains("evil.example"), "no other origin: " + other);
    }

    @Test
    void otherServicesEventsAreHeldToTheRulesBeforeTheyAct() {
        UUID deviceId = events.registeredDevice();
        String id = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId));

        SessionAcknowledged good = TestEvents.acknowledgement(id, deviceId);
        events.publish(EventType.SESSION_ACKNOWLEDGED, new SessionAcknowledged(good.sessionId(), deviceId,
                good.partner(), good.sessionCode(), "javascript:alert(1)", good.endCustomerLink(),
                good.validUntil()));
        assertDeadLettered(id, "supporterLink");
        events.publish(EventType.SESSION_REJECTED, new SessionRejected(UUID.fromString(id), deviceId,
                "BECAUSE", "made up", Instant.now()));
        assertDeadLettered(id, "reason");
        events.publish(EventType.SESSION_ACKNOWLEDGED, new SessionAcknowledged(good.sessionId(), deviceId,
                good.partner(), "c".repeat(65), good.supporterLink(), good.endCustomerLink(), good.validUntil()));
        assertDeadLettered(id, "sessionCode");
        given().get("/api/sessions/" + id).then().body("status", equalTo("REQUESTED"));

        // dated years ahead it would never expire and hold the device's one open session for good
        UUID future = UUID.randomUUID();
        events.publish(EventType.SESSION_REQUESTED, new SessionRequested(future, events.registeredDevice(),
                "console-bot", Instant.now().plus(Duration.ofDays(3650))));
        assertDeadLettered(future.toString(), "requestedAt");

        // the consumer goes on, and a good event still applies
        events.acknowledge(id, deviceId);
    }

    private void assertDeadLettered(String key, String field) {
        List<ConsumerRecord<String, String>> dead = KafkaTestClient.await(kafka, Topics.DEAD_LETTER,
                record -> key.equals(record.key()) && String.valueOf(KafkaTestClient.header(record,
                        "dead-letter-reason")).contains("data." + field), 1, TestEvents.WAIT);
        assertEquals(1, dead.size(), "dead-lettered for its " + field);
    }

    private static ValidatableResponse answer(String authorization, String id, boolean allow) {
        return given().header(AUTHORIZATION, authorization).contentType(ContentType.JSON)
                .body(Map.of("allow", allow)).post("/api/sessions/" + id + "/device-response").then();
    }

    /** Each /api endpoint called with this Authorization header. */
    private static List<ValidatableResponse> everyEndpointAs(String authorization) {
        String id = UUID.randomUUID().toString();
        return List.of(
                given().header(AUTHORIZATION, authorization).contentType(ContentType.JSON)
                        .body(Map.of("deviceId", UUID.randomUUID().toString())).post("/api/sessions").then(),
                given().header(AUTHORIZATION, authorization).get("/api/sessions").then(),
                given().header(AUTHORIZATION, authorization).get("/api/sessions/" + id).then(),
                given().header(AUTHORIZATION, authorization).post("/api/sessions/" + id + "/start").then(),
                answer(authorization, id, true),
                given().header(AUTHORIZATION, authorization).contentType(ContentType.JSON)
                        .body(Map.of("reason", "COMPLETED")).post("/api/sessions/" + id + "/end").then(),
                given().header(AUTHORIZATION, authorization).get("/api/sessions/" + id + "/audit").then(),
                given().header(AUTHORIZATION, authorization).get("/api/audit").then());
    }

    /** An admin token signed with the right key but naming the given issuer and audience. */
    private static String sign(PrivateKey key, String issuer, String audience) throws Exception {
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"mallory\","
                + "\"upn\":\"mallory\",\"groups\":[\"admin\"],\"jti\":\"" + UUID.randomUUID() + "\",\"iat\":" + now
                + ",\"exp\":" + (now + 600) + "}";
        String unsigned = base64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + base64(claims);
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(unsigned.getBytes(StandardCharsets.US_ASCII));
        return unsigned + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
