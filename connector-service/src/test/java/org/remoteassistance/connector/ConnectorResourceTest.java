package org.remoteassistance.connector;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remoteassistance.connector.service.ConnectorService;
import org.remoteassistance.testing.ServiceTestResource;

/** The admin connects the partner once: only a token the partner accepts is kept, encrypted, and never shown. */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class ConnectorResourceTest {

    static final String PATH = "/api/connectors/teamviewer";
    static final String SIMULATOR_TOKEN = "teamviewer-simulator-token";

    @Inject
    Database database;

    @Inject
    ConnectorService connectors;

    @BeforeEach
    void freshInstallation() {
        database.resetConnector();
    }

    @Test
    void onlyATokenThePartnerAcceptsConnectsAndItIsNeverShownAgain() {
        given().when().get(PATH).then().statusCode(200)
                .body("status", equalTo("NOT_CONFIGURED"))
                .body("connectedAt", nullValue());

        String refused = given().contentType(ContentType.JSON).body(Map.of("apiToken", "a-token-it-refuses"))
                .when().put(PATH)
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("title", notNullValue())
                .body("detail", containsString("refused"))
                .extract().asString();
        assertFalse(refused.contains("a-token-it-refuses"), "the problem does not echo the token");
        given().when().get(PATH).then().body("status", equalTo("NOT_CONFIGURED"));
        assertNull(database.tokenCiphertext(), "a refused token is not stored");

        String connected = given().contentType(ContentType.JSON).body(Map.of("apiToken", SIMULATOR_TOKEN))
                .when().put(PATH)
                .then().statusCode(200)
                .body("status", equalTo("CONNECTED"))
                .body("connectedAt", notNullValue())
                .body("lastCheckedAt", notNullValue())
                .extract().asString();
        assertFalse(connected.contains(SIMULATOR_TOKEN), "the PUT answer holds no token");

        String status = given().when().get(PATH).then().statusCode(200)
                .body("status", equalTo("CONNECTED"))
                .extract().asString();
        assertFalse(status.contains(SIMULATOR_TOKEN), "GET never shows the token: " + status);
    }

    @Test
    void theTokenIsStoredEncrypted() {
        given().contentType(ContentType.JSON).body(Map.of("apiToken", SIMULATOR_TOKEN))
                .when().put(PATH).then().statusCode(200);

        byte[] ciphertext = database.tokenCiphertext();
        assertNotNull(ciphertext, "the accepted token is stored");
        String bytesAsText = new String(ciphertext, StandardCharsets.ISO_8859_1);
        assertFalse(bytesAsText.contains(SIMULATOR_TOKEN), "the ciphertext is not the token");
        Map<String, String> row = database.connectorRow();
        String dump = row.toString();
        assertFalse(dump.contains(SIMULATOR_TOKEN), "no column holds the token: " + dump);
        assertFalse(dump.contains(HexFormat.of().formatHex(SIMULATOR_TOKEN.getBytes(StandardCharsets.UTF_8))),
                "no column holds the token's bytes");
        assertEquals("CONNECTED", row.get("status"));
    }

    @Test
    void reconnectingSealsTheTokenAfresh() {
        given().contentType(ContentType.JSON).body(Map.of("apiToken", SIMULATOR_TOKEN)).put(PATH).then()
                .statusCode(200);
        Map<String, String> first = database.connectorRow();
        given().contentType(ContentType.JSON).body(Map.of("apiToken", SIMULATOR_TOKEN)).put(PATH).then()
                .statusCode(200);
        Map<String, String> second = database.connectorRow();
        // a fresh IV each time: equal tokens do not give equal ciphertexts
        assertFalse(first.get("token_iv").equals(second.get("token_iv")));
        assertFalse(first.get("token_ciphertext").equals(second.get("token_ciphertext")));
    }

    @Test
    void aMissingOrBlankTokenIsABadRequest() {
        given().contentType(ContentType.JSON).body("{}").when().put(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("apiToken"));
        given().contentType(ContentType.JSON).body(Map.of("apiToken", "   ")).when().put(PATH)
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).when().put(PATH)
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"apiToken\":").when().put(PATH)
                .then().statusCode(400).contentType("application/problem+json");
        given().when().get(PATH).then().body("status", equalTo("NOT_CONFIGURED"));
    }

    @Test
    void afterAKeyRotationTheConnectorSaysSoAtStartAndTakesTheTokenAgain() {
        given().contentType(ContentType.JSON).body(Map.of("apiToken", SIMULATOR_TOKEN)).put(PATH).then()
                .statusCode(200);
        // as if the service restarted with another REMOTE_ASSISTANCE_CONNECTOR_ENCRYPTION_KEY
        database.update("UPDATE connector SET token_key_id = 'fingerprint-of-the-old-key' WHERE id = 'teamviewer'");

        connectors.failIfSealedWithAnotherKey();

        given().when().get(PATH).then().statusCode(200)
                .body("status", equalTo("ERROR"))
                .body("lastError", containsString("another encryption key; enter the token again"));
        given().contentType(ContentType.JSON).body(Map.of("apiToken", SIMULATOR_TOKEN)).put(PATH).then()
                .statusCode(200).body("status", equalTo("CONNECTED")).body("lastError", nullValue());
        connectors.failIfSealedWithAnotherKey();
        given().when().get(PATH).then().body("status", equalTo("CONNECTED"));
    }

    @Test
    void disconnectingErasesTheToken() {
        given().contentType(ContentType.JSON).body(Map.of("apiToken", SIMULATOR_TOKEN)).put(PATH).then()
                .statusCode(200);

        given().when().delete(PATH).then().statusCode(204);

        given().when().get(PATH).then().statusCode(200).body("status", equalTo("DISCONNECTED"));
        Map<String, String> row = database.connectorRow();
        assertNull(row.get("token_ciphertext"));
        assertNull(row.get("token_iv"));
    }
}
