package org.remoteassistance.connector;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Method;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remoteassistance.localstack.SigningKeys;
import org.remoteassistance.localstack.Tokens;
import org.remoteassistance.testing.ServiceTestResource;
import org.remoteassistance.testing.ServiceTestResource.TestTokens;

/**
 * Only an admin with a valid token reaches the connector: no token, a forged, expired or foreign token is 401; the
 * help desk, a device or any other role is 403, and their calls change nothing.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class ConnectorSecurityTest {

    static final String PATH = ConnectorResourceTest.PATH;
    static final String SIMULATOR_TOKEN = ConnectorResourceTest.SIMULATOR_TOKEN;

    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    String publicKeyLocation;

    @Inject
    Database database;

    @BeforeEach
    void freshInstallation() {
        database.resetConnector();
    }

    @Test
    void withoutATokenEveryCallIs401WithAChallenge() {
        for (Method method : new Method[] {Method.GET, Method.PUT, Method.DELETE}) {
            unauthenticated(call(method, ""));
        }
        assertEquals("NOT_CONFIGURED", database.connectorRow().get("status"), "nothing changed");
    }

    @Test
    void aTokenSignedByAnotherKeyIs401() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = new Tokens(generator.generateKeyPair().getPrivate()).admin("mallory");

        for (Method method : new Method[] {Method.GET, Method.PUT, Method.DELETE}) {
            unauthenticated(call(method, TestTokens.bearer(forged)));
        }
        assertNull(database.tokenCiphertext(), "a forged admin token stores nothing");
    }

    @Test
    void anExpiredTokenIs401() {
        String expired = TestTokens.tokens().sign("old-admin", "admin", null, Duration.ofMinutes(-5));

        unauthenticated(call(Method.GET, TestTokens.bearer(expired)));
        unauthenticated(call(Method.PUT, TestTokens.bearer(expired)));
    }

    @Test
    void aTokenForAnotherIssuerOrAudienceIs401() {
        unauthenticated(call(Method.GET, TestTokens.bearer(
                signed("https://evil.example", Tokens.AUDIENCE, "admin", Duration.ofHours(1)))));
        unauthenticated(call(Method.GET, TestTokens.bearer(
                signed(Tokens.ISSUER, "another-product", "admin", Duration.ofHours(1)))));
        // the same claims with the right issuer and audience pass: the two above failed on what they changed
        given().header("Authorization", TestTokens.bearer(
                        signed(Tokens.ISSUER, Tokens.AUDIENCE, "admin", Duration.ofHours(1))))
                .when().get(PATH).then().statusCode(200);
    }

    @Test
    void garbageAfterBearerIs401() {
        unauthenticated(call(Method.GET, "Bearer not-a-jwt"));
        unauthenticated(call(Method.GET, "Basic YWRtaW46YWRtaW4="));
    }

    @Test
    void anAdminMayReadConnectAndDisconnect() {
        given().header("Authorization", TestTokens.admin()).when().get(PATH).then().statusCode(200)
                .body("status", equalTo("NOT_CONFIGURED"));
        given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("apiToken", SIMULATOR_TOKEN)).when().put(PATH).then().statusCode(200)
                .body("status", equalTo("CONNECTED"));
        given().header("Authorization", TestTokens.admin()).when().delete(PATH).then().statusCode(204);
        assertEquals("DISCONNECTED", database.connectorRow().get("status"));
    }

    @Test
    void theHelpDeskIsForbiddenEverythingAndChangesNothing() {
        forbiddenEverything(TestTokens.helpdesk("bob"));
    }

    @Test
    void aDeviceIsForbiddenEverythingAndChangesNothing() {
        forbiddenEverything(TestTokens.device(UUID.randomUUID()));
    }

    @Test
    void aTokenWithAnUnknownRoleIsForbidden() {
        forbiddenEverything(TestTokens.bearer(TestTokens.tokens().sign("eve", "auditor", null, Duration.ofHours(1))));
    }

    @Test
    void refusalComesBeforeTheBodyIsRead() {
        // a caller who may not PUT learns nothing about what a valid body would be
        given().header("Authorization", TestTokens.helpdesk("bob")).contentType(ContentType.JSON).body("{\"apiToken\":")
                .when().put(PATH).then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", "").contentType(ContentType.JSON).body("{}")
                .when().put(PATH).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void healthOpenApiAndMetricsStayOpen() {
        given().header("Authorization", "").when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"));
        given().header("Authorization", "").when().get("/q/health/live").then().statusCode(200);
        given().header("Authorization", "").accept("application/json").when().get("/q/openapi").then()
                .statusCode(200).body(containsString("/api/connectors/teamviewer"));
    }

    @Test
    void aBodyOver64KiBIs413AndStoresNothing() {
        String huge = "{\"apiToken\":\"" + "a".repeat(70 * 1024) + "\"}";
        given().contentType(ContentType.JSON).body(huge).when().put(PATH).then().statusCode(413);
        assertNull(database.tokenCiphertext());
    }

    @Test
    void aTokenLongerThanAnyPartnerTokenOrWithSpacesIsA400ThatDoesNotRepeatIt() {
        String tooLong = "t".repeat(4097);
        given().contentType(ContentType.JSON).body(Map.of("apiToken", tooLong)).when().put(PATH).then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("apiToken"))
                .body(not(containsString(tooLong)));
        String withLineBreak = "stolen-" + UUID.randomUUID() + "\r\nX-Injected: yes";
        given().contentType(ContentType.JSON).body(Map.of("apiToken", withLineBreak)).when().put(PATH).then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("apiToken"))
                .body(not(containsString("stolen-")));
        assertNull(database.tokenCiphertext());
    }

    @Test
    void theBrowserConsoleOriginMayCallAndOthersMayNot() {
        given().header("Authorization", "").header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "PUT")
                .when().options(PATH).then()
                .header("Access-Control-Allow-Origin", equalTo("http://localhost:3000"));
        given().header("Authorization", "").header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "PUT")
                .when().options(PATH).then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    private void forbiddenEverything(String authorization) {
        given().header("Authorization", authorization).when().get(PATH).then()
                .statusCode(403).contentType("application/problem+json").body("status", equalTo(403))
                .body(not(containsString("NOT_CONFIGURED")));
        given().header("Authorization", authorization).contentType(ContentType.JSON)
                .body(Map.of("apiToken", SIMULATOR_TOKEN)).when().put(PATH).then()
                .statusCode(403).contentType("application/problem+json");
        assertNull(database.tokenCiphertext(), "a forbidden PUT stores nothing");

        given().contentType(ContentType.JSON).body(Map.of("apiToken", SIMULATOR_TOKEN)).when().put(PATH).then()
                .statusCode(200);
        given().header("Authorization", authorization).when().delete(PATH).then()
                .statusCode(403).contentType("application/problem+json");
        assertEquals("CONNECTED", database.connectorRow().get("status"), "a forbidden DELETE disconnects nothing");
    }

    private static ValidatableResponse call(Method method, String authorization) {
        var request = given().header("Authorization", authorization);
        if (method == Method.PUT) {
            request = request.contentType(ContentType.JSON).body(Map.of("apiToken", SIMULATOR_TOKEN));
        }
        return request.when().request(method, PATH).then();
    }

    private static void unauthenticated(ValidatableResponse response) {
        response.statusCode(401).contentType("application/problem+json").body("status", equalTo(401))
                .header("WWW-Authenticate", containsString("Bearer"));
    }

    /** A token signed with the stack's own key, with the issuer and audience the test chooses. */
    private String signed(String issuer, String audience, String role, Duration lifetime) {
        PrivateKey key = SigningKeys.readPrivateKey(Path.of(publicKeyLocation).getParent());
        Instant now = Instant.now();
        String claims = "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"someone\","
                + "\"upn\":\"someone\",\"groups\":[\"" + role + "\"],\"jti\":\"" + UUID.randomUUID() + "\","
                + "\"iat\":" + now.getEpochSecond() + ",\"exp\":" + now.plus(lifetime).getEpochSecond() + "}";
        String unsigned = base64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + base64(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(unsigned.getBytes(StandardCharsets.US_ASCII));
            return unsigned + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
