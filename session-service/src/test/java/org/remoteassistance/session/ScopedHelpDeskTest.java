package org.remoteassistance.session;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.DeviceSnapshot;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.SessionRequested;
import org.remoteassistance.support.devices.KnownDevice;
import org.remoteassistance.support.devices.KnownDevices;
import org.remoteassistance.testing.ServiceTestResource;
import org.remoteassistance.testing.ServiceTestResource.TestTokens;

/**
 * A help desk whose token carries scope tags sees, requests, starts, ends, resends and audits only the sessions of
 * devices with one of its tags (as device-service's snapshots give them); any other is answered 404, as if it did not
 * exist, and an attempted action is on the trail as refused. Another publisher's request naming the requester's scope
 * is held to the same rule.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class ScopedHelpDeskTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    KnownDevices devices;

    TestEvents events;
    String emea;
    String desk;

    @BeforeEach
    void connect() {
        events = new TestEvents(kafka);
        emea = "emea-" + UUID.randomUUID().toString().substring(0, 8);
        desk = TestTokens.helpdesk("emea-desk@example.com", emea);
    }

    @Test
    void aScopedHelpDeskReachesOnlySessionsOfDevicesWithinItsScopes() {
        UUID inside = taggedDevice(emea, "hq");
        UUID outside = taggedDevice("apac");
        String theirs = TestEvents.sessionId(TestEvents.requestWhenKnown(outside));
        events.acknowledge(theirs, outside);

        given().header("Authorization", desk).get("/api/sessions/" + theirs).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().header("Authorization", desk).get("/api/sessions/" + theirs + "/audit").then().statusCode(404);
        given().header("Authorization", desk).post("/api/sessions/" + theirs + "/start").then().statusCode(404);
        given().header("Authorization", desk).post("/api/sessions/" + theirs + "/resend-notification").then()
                .statusCode(404);
        given().header("Authorization", desk).contentType(ContentType.JSON).body(Map.of("reason", "CANCELLED"))
                .post("/api/sessions/" + theirs + "/end").then().statusCode(404);
        given().get("/api/sessions/" + theirs).then().body("status", equalTo("ACKNOWLEDGED"));
        List<Map<String, Object>> refused = given().get("/api/sessions/" + theirs + "/audit").then().extract()
                .jsonPath().getList("items.findAll { it.outcome == 'REFUSED' }");
        assertEquals(List.of("STARTED", "RESENT", "ENDED"), refused.stream().map(entry -> entry.get("action")).toList());
        assertEquals("The device is outside the help desk's scopes; answered as if the session did not exist.",
                refused.get(0).get("detail"));

        given().header("Authorization", desk).contentType(ContentType.JSON)
                .body(Map.of("deviceId", outside.toString())).post("/api/sessions").then().statusCode(404)
                .body("detail", equalTo("No managed device " + outside + "."));
        given().queryParam("deviceId", outside.toString()).get("/api/audit").then()
                .body("items[0].action", equalTo("REQUESTED")).body("items[0].outcome", equalTo("REFUSED"))
                .body("items[0].actor", equalTo("emea-desk@example.com"))
                .body("items[0].detail", startsWith("Device " + outside + " is outside the requester's scopes"));

        String mine = given().header("Authorization", desk).contentType(ContentType.JSON)
                .body(Map.of("deviceId", inside.toString())).post("/api/sessions").then().statusCode(202)
                .extract().path("id");
        assertEquals(List.of(emea), events.awaitOne(EventType.SESSION_REQUESTED, mine).requesterScopeTags(),
                "the connector admits it by the same rule");
        JsonPath listed = given().header("Authorization", desk).get("/api/sessions").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(mine), listed.getList("items.id"), "only the sessions of its own devices");
        assertEquals(1, listed.getInt("total"));
        given().header("Authorization", desk).get("/api/sessions/" + mine + "/audit").then().statusCode(200)
                .body("items[0].action", equalTo("REQUESTED"));
        given().header("Authorization", desk).contentType(ContentType.JSON).body(Map.of("reason", "CANCELLED"))
                .post("/api/sessions/" + mine + "/end").then().statusCode(200).body("status", equalTo("ENDED"));

        // an admin, and a help desk without scopes, reach both
        given().header("Authorization", TestTokens.helpdesk("desk@example.com")).get("/api/sessions/" + theirs)
                .then().statusCode(200);
        assertNull(events.awaitOne(EventType.SESSION_REQUESTED, theirs).requesterScopeTags(),
                "an admin's request names no scope");
    }

    @Test
    void anotherPublishersRequestNamingTheRequestersScopeIsHeldToIt() {
        UUID inside = taggedDevice(emea);
        UUID outside = taggedDevice("apac");
        UUID refused = UUID.randomUUID();
        events.publish(EventType.SESSION_REQUESTED, new SessionRequested(refused, outside, "ticket-bot",
                Instant.now(), null, null, null, null, null, List.of(emea)));
        TestEvents.awaitStatus(refused.toString(), "REJECTED");
        given().get("/api/sessions/" + refused).then().body("rejectReason", equalTo("DEVICE_OUT_OF_SCOPE"));

        UUID admitted = UUID.randomUUID();
        events.publish(EventType.SESSION_REQUESTED, new SessionRequested(admitted, inside, "ticket-bot",
                Instant.now(), null, null, null, null, null, List.of("apac-other", emea)));
        TestEvents.awaitStatus(admitted.toString(), "REQUESTED");
    }

    @Test
    void reportsFilterByScope() {
        UUID inside = taggedDevice(emea);
        String session = TestEvents.sessionId(TestEvents.requestWhenKnown(inside));
        TestEvents.sessionId(TestEvents.requestWhenKnown(taggedDevice("apac")));

        given().queryParam("scope", emea).get("/api/reports/sessions").then().statusCode(200)
                .body("items.id", equalTo(List.of(session)));
        given().queryParam("scope", emea).get("/api/reports/sessions/summary").then().statusCode(200)
                .body("total", equalTo(1));
        given().queryParam("scope", "not a tag").get("/api/reports/sessions").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("detail", startsWith("scope must be"));
        given().header("Authorization", desk).get("/api/reports/sessions").then().statusCode(403);
    }

    /** A device device-service has registered with these scope tags, once this service's read model has them. */
    private UUID taggedDevice(String... tags) {
        UUID deviceId = UUID.randomUUID();
        DeviceSnapshot device = TestEvents.device(deviceId, false, Instant.now());
        events.publish(EventType.DEVICE_REGISTERED, new DeviceSnapshot(deviceId, device.name(), device.platform(),
                device.osVersion(), device.serialNumber(), device.primaryUser(), false, device.changedAt(), null,
                List.of(tags)));
        await().atMost(TestEvents.WAIT).until(() -> devices.find(deviceId).map(KnownDevice::scopeTags)
                .filter(List.of(tags)::equals).isPresent());
        return deviceId;
    }
}
