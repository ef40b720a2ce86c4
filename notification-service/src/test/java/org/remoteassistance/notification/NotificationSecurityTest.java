package org.remoteassistance.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
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
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.EventType;
import org.remoteassistance.localstack.SigningKeys;
import org.remoteassistance.localstack.Tokens;
import org.remoteassistance.notification.rest.LiveNotificationFeed;
import org.remoteassistance.testing.ServiceTestResource;
import org.remoteassistance.testing.ServiceTestResource.TestTokens;

/**
 * Who may reach which notifications. Above all: a device token reaches its own device's notifications, stream and
 * mark-read only, and another device's answer exactly like something that does not exist.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class NotificationSecurityTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    /** Two devices with one notification each, made once for the class (a Kafka round trip each). */
    private record Notified(UUID deviceId, String notificationId, String sessionCode) {
    }

    private static Notified deviceA;
    private static Notified deviceB;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    String publicKey;

    @TestHTTPResource("/")
    URL base;

    @Inject
    LiveNotificationFeed feed;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aDeviceIdIsACanonicalUuid() {
        // UUID.fromString would read 1-1-1-1-1 as 00000001-0001-0001-0001-000000000001
        given().get("/api/devices/1-1-1-1-1/notifications").then().statusCode(404)
                .contentType(containsString(PROBLEM_JSON));
        given().post("/api/notifications/1-1-1-1-1/read").then().statusCode(404);
        given().get("/api/devices/" + UUID.randomUUID().toString().toUpperCase() + "/notifications").then()
                .statusCode(200);
    }

    @Test
    void everyApiCallWithoutATokenIsA401Problem() throws Exception {
        Notified b = deviceB();
        unauthenticated(given().header("Authorization", "")
                .get("/api/devices/{deviceId}/notifications", b.deviceId()).then());
        unauthenticated(given().header("Authorization", "")
                .post("/api/notifications/{id}/read", b.notificationId()).then());

        HttpResponse<String> stream = http.send(request(streamPath(b.deviceId()), null).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, stream.statusCode());
        assertEquals(PROBLEM_JSON, stream.headers().firstValue("content-type").orElse(""));
        assertTrue(stream.headers().firstValue("www-authenticate").orElse("").startsWith("Bearer"));

        stillUnread(b);
    }

    @Test
    void tokensThatFailVerificationAreA401Problem() throws Exception {
        Notified a = deviceA();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Tokens otherKey = new Tokens(generator.generateKeyPair().getPrivate());
        PrivateKey ourKey = SigningKeys.readPrivateKey(Path.of(publicKey).getParent());
        String id = a.deviceId().toString();

        List<String> rejected = List.of(
                "Bearer " + otherKey.admin("mallory"),
                "Bearer " + otherKey.device(id),
                "Bearer " + TestTokens.tokens().sign("device:" + id, "device", id, Duration.ofMinutes(-5)),
                "Bearer " + signed(ourKey, "https://someone-else.example", Tokens.AUDIENCE, id),
                "Bearer " + signed(ourKey, Tokens.ISSUER, "another-audience", id),
                "Bearer not-a-jwt",
                "Basic YWRtaW46YWRtaW4=");
        for (String authorization : rejected) {
            unauthenticated(given().header("Authorization", authorization)
                    .get("/api/devices/{deviceId}/notifications", a.deviceId()).then());
        }
        // the same claims signed by the right key pass: the 401s above are about the token, not its claims
        given().header("Authorization", "Bearer " + signed(ourKey, Tokens.ISSUER, Tokens.AUDIENCE, id))
                .get("/api/devices/{deviceId}/notifications", a.deviceId()).then().statusCode(200);
    }

    @Test
    void aRoleThisServiceDoesNotKnowIsA403Problem() throws Exception {
        Notified b = deviceB();
        String guest = TestTokens.bearer(TestTokens.tokens().sign("guest", "guest", b.deviceId().toString(),
                Duration.ofMinutes(5)));

        forbidden(given().header("Authorization", guest)
                .get("/api/devices/{deviceId}/notifications", b.deviceId()).then());
        forbidden(given().header("Authorization", guest)
                .post("/api/notifications/{id}/read", b.notificationId()).then());
        HttpResponse<String> stream = http.send(request(streamPath(b.deviceId()), guest).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, stream.statusCode());
        assertEquals(PROBLEM_JSON, stream.headers().firstValue("content-type").orElse(""));
        stillUnread(b);
    }

    @Test
    void deviceAListsItsOwnNotificationsAndNeverDeviceBs() {
        Notified a = deviceA();
        Notified b = deviceB();

        given().header("Authorization", TestTokens.device(a.deviceId()))
                .get("/api/devices/{deviceId}/notifications", a.deviceId()).then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(a.notificationId()));

        String refused = given().header("Authorization", TestTokens.device(a.deviceId()))
                .get("/api/devices/{deviceId}/notifications", b.deviceId()).then()
                .statusCode(404)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(404))
                .body("detail", containsString(b.deviceId().toString()))
                .extract().asString();
        assertTrue(!refused.contains(b.sessionCode()) && !refused.contains(b.notificationId()),
                "nothing of device B's notification in the refusal: " + refused);

        // a device token that names no device reaches none
        String unbound = TestTokens.bearer(TestTokens.tokens().sign("device:?", "device", null, Duration.ofMinutes(5)));
        given().header("Authorization", unbound)
                .get("/api/devices/{deviceId}/notifications", a.deviceId()).then()
                .statusCode(404).contentType(PROBLEM_JSON);
    }

    @Test
    void deviceACannotMarkDeviceBsNotificationReadAndLearnsNotEvenThatItExists() {
        Notified a = deviceA();
        Notified b = deviceB();
        String tokenA = TestTokens.device(a.deviceId());

        ValidatableResponse othersNotification = given().header("Authorization", tokenA)
                .post("/api/notifications/{id}/read", b.notificationId()).then()
                .statusCode(404).contentType(PROBLEM_JSON);
        UUID missing = UUID.randomUUID();
        ValidatableResponse noNotification = given().header("Authorization", tokenA)
                .post("/api/notifications/{id}/read", missing).then()
                .statusCode(404).contentType(PROBLEM_JSON);
        assertEquals(noNotification.extract().asString().replace(missing.toString(), b.notificationId()),
                othersNotification.extract().asString(), "another device's notification answers like a missing one");
        stillUnread(b);

        given().header("Authorization", tokenA).post("/api/notifications/{id}/read", a.notificationId()).then()
                .statusCode(204);
        given().header("Authorization", tokenA).get("/api/devices/{deviceId}/notifications", a.deviceId()).then()
                .statusCode(200)
                .body("unread", equalTo(0))
                .body("items[0].read", equalTo(true));
    }

    @Test
    void deviceAsStreamRequestForDeviceBIsA404ProblemBeforeAnyEvent() throws Exception {
        Notified a = deviceA();
        Notified b = deviceB();
        int listenersBefore = feed.listeners();

        HttpResponse<InputStream> refused = http.send(
                request(streamPath(b.deviceId()), TestTokens.device(a.deviceId())).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = refused.body()) {
            assertEquals(404, refused.statusCode());
            assertEquals(PROBLEM_JSON, refused.headers().firstValue("content-type").orElse(""));
            // a finished problem document, not an open stream: reading it to the end returns
            String problem = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(problem.contains("\"status\":404"), problem);
            assertTrue(problem.contains(b.deviceId().toString()), problem);
        }
        // at most as many as before (another test's stream may still be closing): A never subscribed to B's feed
        assertTrue(feed.listeners() <= listenersBefore, "device A never subscribed to device B's feed");

        // device A's own stream opens
        assertStreamOpens(a.deviceId(), TestTokens.device(a.deviceId()));
    }

    @Test
    void helpdeskAndAdminReachEveryDevice() throws Exception {
        Notified a = deviceA();
        Notified b = deviceB();
        for (String staff : List.of(TestTokens.helpdesk("bob"), TestTokens.admin())) {
            given().header("Authorization", staff).get("/api/devices/{deviceId}/notifications", b.deviceId()).then()
                    .statusCode(200)
                    .body("items[0].id", equalTo(b.notificationId()));
            assertStreamOpens(b.deviceId(), staff);
        }
        // staff may mark read too (a request dealt with on the phone); device B's stays unread for the other tests
        given().header("Authorization", TestTokens.helpdesk("bob"))
                .post("/api/notifications/{id}/read", a.notificationId()).then().statusCode(204);
        given().get("/api/devices/{deviceId}/notifications", a.deviceId()).then()
                .body("items[0].read", equalTo(true));
    }

    @Test
    void healthAndOpenApiNeedNoToken() throws Exception {
        // /q/metrics takes a token: HttpHardeningContract
        for (String path : List.of("q/health/ready", "q/health/live", "q/openapi")) {
            HttpResponse<String> response = http.send(request(path, null).setHeader("Accept", "*/*").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), path);
        }
    }

    @Test
    void aBodyOver64KilobytesIsRefusedWith413() {
        Notified b = deviceB();
        given().contentType("application/json").body("\"" + "x".repeat(70 * 1024) + "\"")
                .post("/api/notifications/{id}/read", b.notificationId()).then()
                .statusCode(413);
        stillUnread(b);
    }

    @Test
    void corsLetsTheBrowserConsoleInAndNoOtherOrigin() {
        Notified a = deviceA();
        given().header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .options("/api/devices/{deviceId}/notifications", a.deviceId()).then()
                .header("Access-Control-Allow-Origin", equalTo("http://localhost:3000"));
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .options("/api/devices/{deviceId}/notifications", a.deviceId()).then()
                .header("Access-Control-Allow-Origin", not(equalTo("https://evil.example")));
    }

    private static void unauthenticated(ValidatableResponse response) {
        response.statusCode(401)
                .contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401));
    }

    private static void forbidden(ValidatableResponse response) {
        response.statusCode(403)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(403));
    }

    /** Seen by an admin: nobody else has marked device B's notification read. */
    private static void stillUnread(Notified notified) {
        given().get("/api/devices/{deviceId}/notifications", notified.deviceId()).then()
                .statusCode(200)
                .body("unread", equalTo(1))
                .body("items[0].read", equalTo(false));
    }

    private void assertStreamOpens(UUID deviceId, String authorization) throws Exception {
        HttpResponse<InputStream> response = http.send(request(streamPath(deviceId), authorization).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream ignored = response.body()) {
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        }
    }

    private static String streamPath(UUID deviceId) {
        return "api/devices/" + deviceId + "/notifications/stream";
    }

    private HttpRequest.Builder request(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    private Notified deviceA() {
        if (deviceA == null) {
            deviceA = notifiedDevice("s41-000-001");
        }
        return deviceA;
    }

    private Notified deviceB() {
        if (deviceB == null) {
            deviceB = notifiedDevice("s41-000-002");
        }
        return deviceB;
    }

    private Notified notifiedDevice(String sessionCode) {
        UUID deviceId = UUID.randomUUID();
        TestEvents.publishBinary(kafka, TestEvents.event(EventType.SESSION_ACKNOWLEDGED,
                TestEvents.acknowledged(UUID.randomUUID(), deviceId, sessionCode)));
        String id = CompanyPortalNotificationTest.awaitNotifications(deviceId, 1).extract().path("items[0].id");
        return new Notified(deviceId, id, sessionCode);
    }

    /** A device token with this issuer and audience, signed by {@code key} (Tokens always writes the right ones). */
    private static String signed(PrivateKey key, String issuer, String audience, String deviceId) throws Exception {
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"device:" + deviceId
                + "\",\"upn\":\"device:" + deviceId + "\",\"groups\":[\"device\"],\"jti\":\"" + UUID.randomUUID()
                + "\",\"iat\":" + now + ",\"exp\":" + (now + 300) + ",\"" + Tokens.DEVICE_CLAIM + "\":\"" + deviceId
                + "\"}";
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String unsigned = base64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(unsigned.getBytes(StandardCharsets.US_ASCII));
        return unsigned + "." + base64.encodeToString(signature.sign());
    }
}
