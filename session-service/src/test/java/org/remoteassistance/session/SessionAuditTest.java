package org.remoteassistance.session;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.NotificationIssued;
import org.remoteassistance.events.SessionAcknowledged;
import org.remoteassistance.events.SessionRejected;
import org.remoteassistance.events.SessionRequested;
import org.remoteassistance.session.messaging.AuditEvents;
import org.remoteassistance.session.messaging.SessionAuditRecorded;
import org.remoteassistance.support.devices.KnownDevices;
import org.remoteassistance.testing.KafkaTestClient;
import org.remoteassistance.testing.ServiceTestResource.TestTokens;
import org.remoteassistance.testing.ServiceTestResource;

/**
 * The audit trail: every step of a session with who did it, the system's own entries, refused attempts, the admin's
 * report across sessions, and the same entries published for a SIEM.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class SessionAuditTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    EntityManager entityManager;

    @Inject
    KnownDevices devices;

    TestEvents events;

    @BeforeEach
    void connect() {
        events = new TestEvents(kafka);
    }

    @Test
    void everyStepOfAJourneyIsAuditedWithWhoDidItAndPublishedForTheSiem() {
        UUID deviceId = events.registeredDevice();
        String bob = "bob-" + UUID.randomUUID();
        String id = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId,
                Map.of("Authorization", TestTokens.helpdesk(bob))));
        SessionAcknowledged acknowledged = events.acknowledge(id, deviceId);
        events.publish(EventType.NOTIFICATION_ISSUED, new NotificationIssued(UUID.randomUUID(), UUID.fromString(id),
                deviceId, "COMPANY_PORTAL", "Your IT administrator is requesting control", Instant.now()));
        await().atMost(TestEvents.WAIT).until(() -> given().get("/api/sessions/" + id).path("notifiedAt") != null);
        given().header("Authorization", TestTokens.admin()).post("/api/sessions/" + id + "/start")
                .then().statusCode(200);
        given().header("Authorization", TestTokens.device(deviceId)).contentType(ContentType.JSON)
                .body(Map.of("allow", true)).post("/api/sessions/" + id + "/device-response")
                .then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
        given().header("Authorization", TestTokens.helpdesk(bob)).contentType(ContentType.JSON)
                .body(Map.of("reason", "COMPLETED")).post("/api/sessions/" + id + "/end").then().statusCode(200);

        JsonPath trail = given().get("/api/sessions/" + id + "/audit").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("REQUESTED", "ACKNOWLEDGED", "NOTIFIED", "STARTED", "ALLOWED", "ENDED"),
                trail.getList("items.action"), "oldest first, one entry per step");
        assertEquals(List.of(bob, "/test-publisher", "/test-publisher", "test-admin", "device:" + deviceId, bob),
                trail.getList("items.actor"));
        assertEquals(List.of("helpdesk", "system", "system", "admin", "device", "helpdesk"),
                trail.getList("items.actorRole"));
        assertEquals(List.of("REQUESTED", "ACKNOWLEDGED", "ACKNOWLEDGED", "ACKNOWLEDGED", "IN_PROGRESS", "ENDED"),
                trail.getList("items.outcome"));
        assertTrue(trail.getString("items[5].detail").contains("COMPLETED"), trail.getString("items[5].detail"));
        List<Instant> times = trail.getList("items.at", String.class).stream().map(Instant::parse).toList();
        assertEquals(times.stream().sorted().toList(), times, "in time order");
        String everything = trail.prettify();
        assertFalse(everything.contains(acknowledged.sessionCode()), "the trail never holds the single-use code");
        assertFalse(everything.contains(acknowledged.supporterLink()), "nor the supporter link");

        // the SIEM reads the same entries, in the same order, from the audit topic
        List<ConsumerRecord<String, String>> records = KafkaTestClient.await(kafka, AuditEvents.TOPIC,
                record -> id.equals(record.key()), 6, TestEvents.WAIT);
        assertEquals(6, records.size());
        List<CloudEvent<SessionAuditRecorded>> published = records.stream().map(record -> CloudEventCodec.decode(
                AuditEvents.SESSION_AUDIT_RECORDED, record.headers(), record.value())).toList();
        assertEquals(trail.getList("items.action"), published.stream().map(e -> e.data().action()).toList());
        assertEquals(trail.getList("items.actor"), published.stream().map(e -> e.data().actor()).toList());
        assertEquals(trail.getList("items.id", Long.class),
                published.stream().map(e -> e.data().auditId()).toList());
        SessionAuditRecorded allowed = published.get(4).data();
        assertEquals(deviceId, allowed.deviceId());
        assertEquals(UUID.fromString(id), allowed.sessionId());
        assertEquals("device", allowed.actorRole());
        assertEquals("IN_PROGRESS", allowed.outcome());
        assertEquals(Instant.parse(trail.getString("items[4].at")), allowed.at());
        assertEquals("SessionAuditRecorded", KafkaTestClient.header(records.get(0), CloudEventCodec.HEADER_TYPE));
        assertEquals("/session-service", KafkaTestClient.header(records.get(0), CloudEventCodec.HEADER_SOURCE));
    }

    @Test
    void refusedAttemptsAreOnTheTrailAndChangeNothing() {
        UUID deviceId = knownDevice();
        String id = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId));

        // too early: no code yet
        given().post("/api/sessions/" + id + "/start").then().statusCode(409);
        // a second session for the device
        given().header("Authorization", TestTokens.helpdesk("eve")).contentType(ContentType.JSON)
                .body(Map.of("deviceId", deviceId.toString())).post("/api/sessions").then().statusCode(409);
        // another device answering for this one
        UUID otherDevice = UUID.randomUUID();
        given().header("Authorization", TestTokens.device(otherDevice)).contentType(ContentType.JSON)
                .body(Map.of("allow", true)).post("/api/sessions/" + id + "/device-response")
                .then().statusCode(404);

        JsonPath trail = given().get("/api/sessions/" + id + "/audit").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("REQUESTED", "STARTED", "ALLOWED"), trail.getList("items.action"));
        assertEquals(List.of("REQUESTED", "REFUSED", "REFUSED"), trail.getList("items.outcome"));
        assertEquals("test-admin", trail.getString("items[1].actor"));
        assertTrue(trail.getString("items[1].detail").contains("not acknowledged"), trail.getString("items[1].detail"));
        assertEquals("device:" + otherDevice, trail.getString("items[2].actor"));
        assertEquals("device", trail.getString("items[2].actorRole"));

        // the refused request has no session of its own: it is on the device's trail
        JsonPath refusedRequest = given().queryParam("deviceId", deviceId.toString())
                .queryParam("action", "REQUESTED").get("/api/audit")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(2, refusedRequest.getInt("total"));
        assertEquals("eve", refusedRequest.getString("items[0].actor"));
        assertEquals("REFUSED", refusedRequest.getString("items[0].outcome"));
        assertNull(refusedRequest.get("items[0].sessionId"));
        assertTrue(refusedRequest.getString("items[0].detail").contains(id), "names the open session");

        given().get("/api/sessions/" + id).then().body("status", equalTo("REQUESTED"))
                .body("adminStartedAt", equalTo(null)).body("deviceAllowedAt", equalTo(null));
    }

    @Test
    void otherServicesEventsAndTheDeviceUsersAnswersAreAuditedAsTheirs() {
        UUID declining = events.registeredDevice();
        String declined = TestEvents.sessionId(TestEvents.requestWhenKnown(declining));
        events.acknowledge(declined, declining);
        given().header("Authorization", TestTokens.device(declining)).contentType(ContentType.JSON)
                .body(Map.of("allow", false)).post("/api/sessions/" + declined + "/device-response")
                .then().statusCode(200);

        UUID refusedByConnector = events.registeredDevice();
        String rejected = TestEvents.sessionId(TestEvents.requestWhenKnown(refusedByConnector));
        events.publish(EventType.SESSION_REJECTED, new SessionRejected(UUID.fromString(rejected), refusedByConnector,
                "CONNECTOR_NOT_CONNECTED", "The TeamViewer connector is not connected", Instant.now()));
        TestEvents.awaitStatus(rejected, "REJECTED");

        UUID external = UUID.randomUUID();
        events.publish(EventType.SESSION_REQUESTED, new SessionRequested(external, UUID.randomUUID(), "console-bot",
                Instant.now()));
        await().atMost(TestEvents.WAIT).until(() -> given().get("/api/sessions/" + external).statusCode() == 200);

        given().get("/api/sessions/" + declined + "/audit").then().statusCode(200)
                .body("items.action", equalTo(List.of("REQUESTED", "ACKNOWLEDGED", "DECLINED")))
                .body("items[2].actor", equalTo("device:" + declining))
                .body("items[2].outcome", equalTo("ENDED"))
                .body("items[2].detail", containsString("DECLINED"));
        given().get("/api/sessions/" + rejected + "/audit").then().statusCode(200)
                .body("items.action", equalTo(List.of("REQUESTED", "REJECTED")))
                .body("items[1].actorRole", equalTo("system"))
                .body("items[1].outcome", equalTo("REJECTED"))
                .body("items[1].detail", containsString("CONNECTOR_NOT_CONNECTED"));
        given().get("/api/sessions/" + external + "/audit").then().statusCode(200)
                .body("items.action", equalTo(List.of("REQUESTED")))
                .body("items[0].actor", equalTo("console-bot"))
                .body("items[0].actorRole", equalTo("system"))
                .body("items[0].outcome", equalTo("REJECTED"))
                .body("items[0].detail", containsString("/test-publisher"))
                .body("items[0].detail", containsString("DEVICE_UNKNOWN"));
    }

    @Test
    void auditReportFiltersByDeviceActorActionAndTimeNewestFirst() {
        String carol = "carol-" + UUID.randomUUID();
        UUID first = knownDevice();
        UUID second = knownDevice();
        String firstSession = TestEvents.sessionId(TestEvents.requestWhenKnown(first,
                Map.of("Authorization", TestTokens.helpdesk(carol))));
        given().contentType(ContentType.JSON).body(Map.of("reason", "CANCELLED"))
                .post("/api/sessions/" + firstSession + "/end").then().statusCode(200);
        String secondSession = TestEvents.sessionId(TestEvents.requestWhenKnown(second,
                Map.of("Authorization", TestTokens.helpdesk(carol))));

        JsonPath byActor = given().queryParam("actor", carol).get("/api/audit").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(2, byActor.getInt("total"));
        assertEquals(List.of(secondSession, firstSession), byActor.getList("items.sessionId"), "newest first");
        assertEquals(List.of(second.toString(), first.toString()), byActor.getList("items.deviceId"));

        JsonPath byDevice = given().queryParam("deviceId", first.toString()).get("/api/audit").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of("ENDED", "REQUESTED"), byDevice.getList("items.action"));
        assertEquals(List.of("test-admin", carol), byDevice.getList("items.actor"));
        String requestedAt = byDevice.getString("items[1].at");
        String endedAt = byDevice.getString("items[0].at");

        given().queryParam("deviceId", first.toString()).queryParam("action", "ENDED").get("/api/audit")
                .then().body("total", equalTo(1)).body("items[0].detail", containsString("CANCELLED"));
        given().queryParam("deviceId", first.toString()).queryParam("from", requestedAt).queryParam("to", endedAt)
                .get("/api/audit").then().body("total", equalTo(1)).body("items[0].action", equalTo("REQUESTED"));
        given().queryParam("deviceId", first.toString()).queryParam("from", endedAt).get("/api/audit")
                .then().body("total", equalTo(1)).body("items[0].action", equalTo("ENDED"));
        given().queryParam("action", "ENDED").queryParam("from", requestedAt).get("/api/audit")
                .then().body("items.action", everyItem(equalTo("ENDED")))
                .body("items.sessionId", hasItem(firstSession))
                .body("items.sessionId", not(hasItem(secondSession)));
        given().queryParam("actor", carol).queryParam("size", 1).queryParam("page", 1).get("/api/audit")
                .then().body("total", equalTo(2)).body("items.sessionId", equalTo(List.of(firstSession)));
    }

    @Test
    void auditReportRejectsBadFiltersWithClearProblems() {
        given().queryParam("action", "LOGGED_IN").get("/api/audit").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("detail", containsString("REQUESTED"));
        given().queryParam("deviceId", "device-1").get("/api/audit").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("detail", containsString("deviceId"));
        given().queryParam("from", "yesterday").get("/api/audit").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("detail", containsString("from"));
        given().queryParam("from", "2030-01-02T00:00:00Z").queryParam("to", "2030-01-01T00:00:00Z")
                .get("/api/audit").then().statusCode(400).contentType(PROBLEM_JSON);
        given().queryParam("actor", "a".repeat(256)).get("/api/audit").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("detail", containsString("actor"));
        given().queryParam("size", 201).get("/api/audit").then().statusCode(400).contentType(PROBLEM_JSON);
        // instants Java reads but PostgreSQL cannot store were a 500
        given().queryParam("to", "+294277-01-01T00:00:00Z").get("/api/audit").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("detail", startsWith("to must be between"));
        given().queryParam("from", "-4714-01-01T00:00:00Z").get("/api/audit").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("detail", startsWith("from must be between"));
        given().queryParam("from", "0001-01-01T00:00:00Z").queryParam("to", "9999-12-31T23:59:59Z")
                .get("/api/audit").then().statusCode(200);
        given().get("/api/sessions/" + UUID.randomUUID() + "/audit").then().statusCode(404)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void onlyAdminsReadTheReportAndDevicesReadNoTrail() {
        UUID deviceId = events.registeredDevice();
        String id = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId));

        given().header("Authorization", TestTokens.admin()).get("/api/audit").then().statusCode(200);
        given().header("Authorization", TestTokens.helpdesk("bob")).get("/api/audit")
                .then().statusCode(403).contentType(PROBLEM_JSON);
        given().header("Authorization", TestTokens.device(deviceId)).get("/api/audit")
                .then().statusCode(403).contentType(PROBLEM_JSON);
        given().header("Authorization", "").get("/api/audit").then().statusCode(401).contentType(PROBLEM_JSON);

        given().header("Authorization", TestTokens.helpdesk("bob")).get("/api/sessions/" + id + "/audit")
                .then().statusCode(200).body("items[0].action", equalTo("REQUESTED"));
        given().header("Authorization", TestTokens.device(deviceId)).get("/api/sessions/" + id + "/audit")
                .then().statusCode(403).contentType(PROBLEM_JSON);
    }

    /**
     * A device this service already knows of. Requesting before that is refused (404), and refused requests are
     * audited: tests that count a device's or an actor's entries start from a known device.
     */
    private UUID knownDevice() {
        UUID deviceId = events.registeredDevice();
        await().atMost(TestEvents.WAIT).until(() -> devices.find(deviceId).isPresent());
        return deviceId;
    }
}
