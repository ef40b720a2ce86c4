package org.remoteassistance.device.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.remoteassistance.device.DeviceTestResource;
import org.remoteassistance.device.TestDevices;
import org.remoteassistance.localstack.SigningKeys;
import org.remoteassistance.localstack.Tokens;
import org.remoteassistance.testing.ServiceTestResource.TestTokens;

/** Who may call what: tokens are verified, roles decide, and a device token sees its own device only. */
@QuarkusTest
@QuarkusTestResource(DeviceTestResource.class)
class DeviceSecurityTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @TestHTTPResource("/api/devices")
    URI devices;

    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    String publicKeyLocation;

    // --- authentication

    @Test
    void requestWithoutTokenIsUnauthorized() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(devices).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode());
        assertEquals(PROBLEM_JSON, response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(""));

        UUID device = TestDevices.register();
        unauthorized(given().header("Authorization", "").when().get("/api/devices/{id}", device));
        unauthorized(given().header("Authorization", "").when().delete("/api/devices/{id}", device));
        unauthorized(given().header("Authorization", "").contentType(ContentType.JSON).body(validDevice())
                .when().post("/api/devices"));
        // nothing was done on the unauthenticated caller's behalf
        assertEquals(false, TestDevices.get(device).getBoolean("retired"));
    }

    @Test
    void malformedTokenOrOtherSchemeIsUnauthorized() {
        unauthorized(given().header("Authorization", "Bearer not-a-jwt").when().get("/api/devices"));
        unauthorized(given().header("Authorization", "Basic YWRtaW46YWRtaW4=").when().get("/api/devices"));
    }

    @Test
    void tokenSignedByAnotherKeyIsUnauthorized() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Tokens forger = new Tokens(generator.generateKeyPair().getPrivate());

        unauthorized(given().header("Authorization", TestTokens.bearer(forger.admin("mallory")))
                .when().get("/api/devices"));
    }

    @Test
    void expiredTokenIsUnauthorized() {
        String expired = TestTokens.tokens().sign("late-admin", "admin", null, Duration.ofMinutes(-5));
        unauthorized(given().header("Authorization", TestTokens.bearer(expired)).when().get("/api/devices"));
    }

    @Test
    void tokenOfAnotherIssuerOrAudienceIsUnauthorized() {
        // the helper signs with the right key: with the right issuer and audience its token is accepted
        given().header("Authorization", signed(Tokens.ISSUER, Tokens.AUDIENCE))
                .when().get("/api/devices").then().statusCode(200);

        unauthorized(given().header("Authorization", signed("https://issuer.example.com", Tokens.AUDIENCE))
                .when().get("/api/devices"));
        unauthorized(given().header("Authorization", signed(Tokens.ISSUER, "another-api"))
                .when().get("/api/devices"));
    }

    // --- roles

    @Test
    void helpdeskManagesDevices() {
        String helpdesk = TestTokens.helpdesk("bob");
        String location = given().header("Authorization", helpdesk).contentType(ContentType.JSON)
                .body(validDevice()).when().post("/api/devices")
                .then().statusCode(201).extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);

        given().header("Authorization", helpdesk).when().get("/api/devices").then().statusCode(200);
        given().header("Authorization", helpdesk).when().get("/api/devices/{id}", id)
                .then().statusCode(200).body("id", equalTo(id));
        given().header("Authorization", helpdesk).when().delete("/api/devices/{id}", id).then().statusCode(204);
        given().header("Authorization", helpdesk).when().get("/api/devices/{id}", id)
                .then().statusCode(200).body("retired", equalTo(true));
    }

    @Test
    void deviceReadsItsOwnDeviceOnly() {
        UUID own = TestDevices.register();
        UUID other = TestDevices.register();
        UUID unknown = UUID.randomUUID();
        String token = TestTokens.device(own);

        given().header("Authorization", token).when().get("/api/devices/{id}", own)
                .then().statusCode(200).body("id", equalTo(own.toString()))
                .body("remoteAssistance.status", equalTo("NONE"));

        // another device answers exactly as an id that does not exist: its existence does not leak
        String otherAnswer = given().header("Authorization", token).when().get("/api/devices/{id}", other)
                .then().statusCode(404).contentType(PROBLEM_JSON).extract().asString();
        String unknownAnswer = given().header("Authorization", token).when().get("/api/devices/{id}", unknown)
                .then().statusCode(404).contentType(PROBLEM_JSON).extract().asString();
        assertEquals(unknownAnswer.replace(unknown.toString(), "ID"), otherAnswer.replace(other.toString(), "ID"));
        // and an admin gets the same answer for the unknown id
        assertEquals(unknownAnswer, given().when().get("/api/devices/{id}", unknown)
                .then().statusCode(404).extract().asString());
    }

    @Test
    void deviceCannotListRegisterOrRetire() {
        UUID own = TestDevices.register();
        String token = TestTokens.device(own);

        forbidden(given().header("Authorization", token).when().get("/api/devices"));
        forbidden(given().header("Authorization", token).contentType(ContentType.JSON).body(validDevice())
                .when().post("/api/devices"));
        forbidden(given().header("Authorization", token).when().delete("/api/devices/{id}", own));

        assertEquals(false, TestDevices.get(own).getBoolean("retired"));
    }

    @Test
    void deviceTokenWithoutItsDeviceClaimReachesNoDevice() {
        UUID device = TestDevices.register();
        String token = TestTokens.bearer(TestTokens.tokens().sign("device:lost", "device", null,
                Duration.ofMinutes(5)));

        given().header("Authorization", token).when().get("/api/devices/{id}", device)
                .then().statusCode(404).contentType(PROBLEM_JSON);
    }

    @Test
    void tokenWithAnUnknownRoleIsForbidden() {
        UUID device = TestDevices.register();
        String token = TestTokens.bearer(TestTokens.tokens().sign("eve", "auditor", device.toString(),
                Duration.ofMinutes(5)));

        forbidden(given().header("Authorization", token).when().get("/api/devices"));
        forbidden(given().header("Authorization", token).when().get("/api/devices/{id}", device));
        forbidden(given().header("Authorization", token).when().delete("/api/devices/{id}", device));
        forbidden(given().header("Authorization", token).contentType(ContentType.JSON).body(validDevice())
                .when().post("/api/devices"));
    }

    // --- what stays open, and limits

    @Test
    void healthOpenApiAndMetricsNeedNoToken() {
        given().header("Authorization", "").when().get("/q/health/ready").then().statusCode(200);
        given().header("Authorization", "").when().get("/q/health/live").then().statusCode(200);
        given().header("Authorization", "").when().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void bodyLargerThan64KiBIsRefused() {
        Map<String, Object> huge = Map.of("name", "n".repeat(70 * 1024), "platform", "LINUX",
                "serialNumber", "SN-" + TestDevices.tag());
        given().contentType(ContentType.JSON).body(huge).when().post("/api/devices").then().statusCode(413);
    }

    @Test
    void browserConsoleOriginIsAllowedAndOthersAreNot() {
        given().header("Authorization", "").header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/api/devices")
                .then().statusCode(200).header("Access-Control-Allow-Origin", "http://localhost:3000");

        String evil = given().header("Authorization", "").header("Origin", "https://evil.example.com")
                .header("Access-Control-Request-Method", "POST")
                .when().options("/api/devices")
                .then().extract().header("Access-Control-Allow-Origin");
        assertNotEquals("https://evil.example.com", evil);
        assertNotEquals("*", evil);
    }

    // --- helpers

    private static void unauthorized(Response response) {
        response.then().statusCode(401).contentType(PROBLEM_JSON).header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401));
    }

    private static void forbidden(Response response) {
        response.then().statusCode(403).contentType(PROBLEM_JSON).body("status", equalTo(403));
    }

    private static Map<String, Object> validDevice() {
        String tag = TestDevices.tag();
        return Map.of("name", "Security " + tag, "platform", "MACOS", "serialNumber", "SN-" + tag);
    }

    /** An admin token signed with the stack's own key, with this issuer and audience. */
    private String signed(String issuer, String audience) {
        PrivateKey key = SigningKeys.readPrivateKey(Path.of(publicKeyLocation).getParent());
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"admin\",\"upn\":\"admin\""
                + ",\"groups\":[\"admin\"],\"jti\":\"" + UUID.randomUUID() + "\",\"iat\":" + now
                + ",\"exp\":" + (now + 300) + "}";
        String unsigned = base64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + base64(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(unsigned.getBytes(StandardCharsets.US_ASCII));
            return TestTokens.bearer(
                    unsigned + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
