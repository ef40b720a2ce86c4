package org.remoteassistance.device.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.remoteassistance.device.DeviceTestResource;
import org.remoteassistance.device.TestDevices;
import org.remoteassistance.localstack.Tokens;
import org.remoteassistance.testing.ServiceTestResource.TestTokens;

/**
 * A help desk whose token carries scope tags sees and acts on only the devices with one of them; outside, a device is
 * answered 404 exactly like one that does not exist. Admins, and help desks without the claim, reach every device.
 */
@QuarkusTest
@QuarkusTestResource(DeviceTestResource.class)
class ScopedHelpDeskTest {

    @Test
    void aScopedHelpDeskListsAndOpensOnlyDevicesWithinItsScopes() {
        String emea = "emea-" + TestDevices.tag();
        String apac = "apac-" + TestDevices.tag();
        String tag = TestDevices.tag();
        UUID inEmea = registerTagged("Laptop " + tag, emea);
        UUID inBoth = registerTagged("Kiosk " + tag, apac, emea);
        UUID inApac = registerTagged("Tablet " + tag, apac);
        UUID untagged = TestDevices.register();
        String emeaDesk = TestTokens.helpdesk("emea-desk@example.com", emea);

        assertEquals(List.of(inBoth.toString(), inEmea.toString()), given().header("Authorization", emeaDesk)
                .queryParam("search", tag).get("/api/devices").then().statusCode(200)
                .body("total", equalTo(2)).extract().jsonPath().getList("items.id"));
        given().header("Authorization", emeaDesk).get("/api/devices/{id}", inBoth).then().statusCode(200);
        for (UUID outside : List.of(inApac, untagged)) {
            given().header("Authorization", emeaDesk).get("/api/devices/{id}", outside).then().statusCode(404)
                    .contentType(startsWith("application/problem+json"))
                    .body("detail", equalTo(DeviceProblems.noSuchDevice(outside)));
            given().header("Authorization", emeaDesk).delete("/api/devices/{id}", outside).then().statusCode(404);
        }
        assertNull(TestDevices.get(inApac).getString("retiredAt"), "a refused retirement retires nothing");

        // admins and an unscoped help desk see all three
        assertEquals(3, given().queryParam("search", tag).get("/api/devices").then().extract().jsonPath()
                .getInt("total"));
        assertEquals(3, given().header("Authorization", TestTokens.helpdesk("desk@example.com"))
                .queryParam("search", tag).get("/api/devices").then().extract().jsonPath().getInt("total"));
        given().header("Authorization", TestTokens.helpdesk("desk@example.com")).get("/api/devices/{id}", untagged)
                .then().statusCode(200);
        // the scope limits an admin in nothing
        given().header("Authorization", TestTokens.bearer(TestTokens.tokens().sign("root", List.of("admin"), null,
                Instant.now(), Instant.now().plusSeconds(60)))).get("/api/devices/{id}", inApac).then()
                .statusCode(200);

        given().header("Authorization", emeaDesk).delete("/api/devices/{id}", inEmea).then().statusCode(204);
        assertNotNull(TestDevices.get(inEmea).getString("retiredAt"), "retired within its scope");
    }

    @Test
    void aScopedHelpDeskRegistersDevicesWithinItsScopesOnly() {
        String emea = "emea-" + TestDevices.tag();
        String hq = "hq-" + TestDevices.tag();
        String desk = TestTokens.helpdesk("emea-desk@example.com", hq, emea);
        String tag = TestDevices.tag();

        UUID untagged = UUID.fromString(given().header("Authorization", desk).contentType(ContentType.JSON)
                .body(Map.of("name", "Laptop " + tag, "platform", "MACOS", "serialNumber", "SN-" + tag))
                .post("/api/devices").then().statusCode(201)
                .body("scopeTags", equalTo(List.of(emea, hq).stream().sorted().toList())).extract().path("id"));
        given().header("Authorization", desk).get("/api/devices/{id}", untagged).then().statusCode(200);

        given().header("Authorization", desk).contentType(ContentType.JSON)
                .body(Map.of("name", "Kiosk " + tag, "platform", "WINDOWS", "serialNumber", "SN2-" + tag,
                        "scopeTags", List.of(emea)))
                .post("/api/devices").then().statusCode(201).body("scopeTags", equalTo(List.of(emea)));
        given().header("Authorization", desk).contentType(ContentType.JSON)
                .body(Map.of("name", "Phone " + tag, "platform", "IOS", "serialNumber", "SN3-" + tag,
                        "scopeTags", List.of(emea, "apac")))
                .post("/api/devices").then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("detail", startsWith("scopeTags may only name your own scopes"));
        assertEquals(0, given().queryParam("search", "Phone " + tag).get("/api/devices").then().extract()
                .jsonPath().getInt("total"), "a refused registration registers nothing");
    }

    @Test
    void theScopesAreTheContractsDefaultClaim() {
        // the tokens of these tests carry their tags in Tokens.SCOPE_CLAIM, read by the services' default claim name
        assertEquals("scopes", Tokens.SCOPE_CLAIM, "SPEC: help-desk tokens carry their scopes in a claim (default "
                + "scopes)");
    }

    @Test
    void aScopeClaimThatNamesNoPossibleTagIsRefusedLikeABadToken() {
        given().header("Authorization", TestTokens.bearer(TestTokens.tokens().helpdesk("desk", List.of("not a tag"))))
                .get("/api/devices").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer(TestTokens.tokens().helpdesk("desk", List.of())))
                .get("/api/devices").then().statusCode(200).body("items", equalTo(List.of()));
    }

    private static UUID registerTagged(String name, String... tags) {
        return UUID.fromString(given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "platform", "WINDOWS", "serialNumber", "SN-" + TestDevices.tag(),
                        "scopeTags", List.of(tags)))
                .post("/api/devices").then().statusCode(201).extract().path("id"));
    }
}
