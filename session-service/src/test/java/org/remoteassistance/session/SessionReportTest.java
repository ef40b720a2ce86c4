package org.remoteassistance.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.SessionRejected;
import org.remoteassistance.testing.ServiceTestResource;
import org.remoteassistance.testing.ServiceTestResource.TestTokens;

/**
 * Session reports for admins: the sessions of a period with their outcome, ticket and time to the device user's
 * answer, filtered, as JSON and as CSV; and the figures of a period.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class SessionReportTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    TestEvents events;
    String helpdesk;
    String helpdeskToken;

    @BeforeEach
    void connect() {
        events = new TestEvents(kafka);
        helpdesk = "carol-" + UUID.randomUUID() + "@example.com";
        helpdeskToken = TestTokens.helpdesk(helpdesk);
    }

    @Test
    void aPeriodsSessionsWithTheirOutcomesAsJsonAndCsvAndItsFigures() {
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        UUID completedDevice = events.registeredDevice();
        String completed = request(completedDevice, Map.of("ticketId", "INC-1", "reason", "Mail, calendar"));
        answer(completed, completedDevice, true);
        given().contentType(ContentType.JSON).body(Map.of("reason", "COMPLETED"))
                .post("/api/sessions/" + completed + "/end").then().statusCode(200);
        UUID declinedDevice = events.registeredDevice();
        String declined = request(declinedDevice, Map.of("ticketId", "INC-2", "reason", "=HYPERLINK(\"x\")"));
        answer(declined, declinedDevice, false);
        UUID rejectedDevice = events.registeredDevice();
        String rejected = request(rejectedDevice, Map.of());
        events.publish(EventType.SESSION_REJECTED, new SessionRejected(UUID.fromString(rejected), rejectedDevice,
                "PARTNER_REFUSED", "TeamViewer refused", Instant.now()));
        TestEvents.awaitStatus(rejected, "REJECTED");
        UUID openDevice = events.registeredDevice();
        String open = request(openDevice, Map.of("ticketId", "INC-2"));
        String to = Instant.now().plusSeconds(1).toString();

        JsonPath all = report(Map.of("from", from.toString(), "to", to, "actor", helpdesk));
        assertEquals(List.of(completed, declined, rejected, open), all.getList("items.id"), "oldest request first");
        assertEquals(List.of("COMPLETED", "DECLINED", "REJECTED", "OPEN"), all.getList("items.outcome"));
        assertEquals("INC-1", all.getString("items[0].ticketId"));
        assertEquals("Mail, calendar", all.getString("items[0].reason"));
        assertTrue(all.getDouble("items[0].secondsToAnswer") > 0, "allowed: the time to the answer");
        assertEquals(all.getString("items[1].answeredAt"), all.getString("items[1].endedAt"), "declined");
        assertNull(all.getString("items[3].answeredAt"), "not answered");
        assertEquals(List.of(declined, open), report(Map.of("from", from.toString(), "to", to, "ticketId", "INC-2"))
                .getList("items.id"));
        assertEquals(List.of(declined), report(Map.of("from", from.toString(), "to", to, "actor", helpdesk,
                "outcome", "DECLINED")).getList("items.id"));
        assertEquals(List.of(completed), report(Map.of("from", from.toString(), "to", to,
                "deviceId", completedDevice.toString())).getList("items.id"));

        String csv = given().accept("text/csv").queryParams(Map.of("from", from.toString(), "to", to,
                        "actor", helpdesk))
                .get("/api/reports/sessions").then().statusCode(200).contentType(startsWith("text/csv"))
                .extract().asString();
        List<String> lines = List.of(csv.split("\r\n"));
        assertEquals(5, lines.size(), csv);
        assertTrue(lines.get(0).startsWith("id,deviceId,status,outcome,requestedBy,requestedAt,"), lines.get(0));
        assertTrue(lines.get(1).startsWith(completed + "," + completedDevice + ",ENDED,COMPLETED," + helpdesk + ","));
        assertTrue(lines.get(1).contains(",INC-1,\"Mail, calendar\","), "a comma is quoted: " + lines.get(1));
        assertTrue(lines.get(2).contains(",INC-2,\"'=HYPERLINK(\"\"x\"\")\","), "a formula stays text: " + lines.get(2));

        // (of this test's help desk person: other tests' sessions may land in the same minutes)
        given().queryParams(Map.of("from", from.toString(), "to", to, "actor", helpdesk))
                .get("/api/reports/sessions/summary").then()
                .statusCode(200)
                .body("total", equalTo(4))
                .body("byOutcome.COMPLETED", equalTo(1))
                .body("byOutcome.DECLINED", equalTo(1))
                .body("byOutcome.REJECTED", equalTo(1))
                .body("byOutcome.OPEN", equalTo(1))
                .body("byOutcome.EXPIRED", equalTo(0))
                .body("answered", equalTo(2))
                .body("declinedRate", equalTo(0.25f))
                .body("expiredRate", equalTo(0.0f));
        JsonPath figures = given().queryParams(Map.of("from", from.toString(), "to", to, "actor", helpdesk))
                .get("/api/reports/sessions/summary").then().extract().jsonPath();
        assertTrue(figures.getDouble("medianSecondsToAnswer") <= figures.getDouble("p90SecondsToAnswer"));
    }

    @Test
    void aPeriodWithoutSessionsHasNoFiguresToShare() {
        given().queryParams(Map.of("from", "2001-01-01T00:00:00Z", "to", "2001-01-02T00:00:00Z"))
                .get("/api/reports/sessions/summary").then().statusCode(200)
                .body("total", equalTo(0)).body("medianSecondsToAnswer", nullValue())
                .body("declinedRate", nullValue());
        given().queryParams(Map.of("from", "2001-01-01T00:00:00Z", "to", "2001-01-02T00:00:00Z"))
                .get("/api/reports/sessions").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void reportsAreForAdminsAndBadParametersAreNamed() {
        given().header("Authorization", helpdeskToken).get("/api/reports/sessions").then().statusCode(403);
        given().header("Authorization", helpdeskToken).get("/api/reports/sessions/summary").then().statusCode(403);
        SessionInputTest.refused(given().queryParam("outcome", "HAPPY").get("/api/reports/sessions").then())
                .body("detail", startsWith("outcome must be one of"));
        SessionInputTest.refused(given().queryParams(Map.of("from", "2030-01-02T00:00:00Z", "to",
                "2030-01-01T00:00:00Z")).get("/api/reports/sessions/summary").then())
                .body("detail", equalTo("from must be before to."));
        SessionInputTest.refused(given().queryParam("from", "yesterday").get("/api/reports/sessions").then())
                .body("detail", startsWith("from must be an instant"));
    }

    private JsonPath report(Map<String, String> query) {
        return given().queryParams(query).get("/api/reports/sessions").then().statusCode(200)
                .contentType(startsWith("application/json")).extract().jsonPath();
    }

    private String request(UUID deviceId, Map<String, Object> fields) {
        return TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId, Map.of("Authorization", helpdeskToken),
                fields));
    }

    private void answer(String sessionId, UUID deviceId, boolean allow) {
        events.acknowledge(sessionId, deviceId);
        if (allow) {
            given().post("/api/sessions/" + sessionId + "/start").then().statusCode(200);
        }
        given().header("Authorization", TestTokens.device(deviceId)).contentType(ContentType.JSON)
                .body(Map.of("allow", allow)).post("/api/sessions/" + sessionId + "/device-response")
                .then().statusCode(200);
    }
}
