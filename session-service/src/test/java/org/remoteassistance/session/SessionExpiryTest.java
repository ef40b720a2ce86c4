package org.remoteassistance.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.SessionEnded;
import org.remoteassistance.testing.ServiceTestResource;
import org.remoteassistance.testing.ServiceTestResource.TestTokens;

/** A session nobody accepts expires; one that is in progress does not. */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
@TestProfile(ShortExpiryProfile.class)
class SessionExpiryTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    TestEvents events;

    @BeforeEach
    void connect() {
        events = new TestEvents(kafka);
    }

    @Test
    void unacceptedSessionsExpireAndAreAnnounced() {
        UUID busyDevice = events.registeredDevice();
        UUID idleDevice = events.registeredDevice();
        UUID unansweredDevice = events.registeredDevice();
        // in progress well within the expiry time: it must survive it
        String inProgress = TestEvents.sessionId(TestEvents.requestWhenKnown(busyDevice));
        events.acknowledge(inProgress, busyDevice);
        given().post("/api/sessions/" + inProgress + "/start").then().statusCode(200);
        given().header("Authorization", TestTokens.device(busyDevice)).contentType(ContentType.JSON)
                .body(Map.of("allow", true)).post("/api/sessions/" + inProgress + "/device-response")
                .then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
        // acknowledged, but the admin and the device user never act
        String acknowledged = TestEvents.sessionId(TestEvents.requestWhenKnown(idleDevice));
        events.acknowledge(acknowledged, idleDevice);
        // the partner never answers
        String requested = TestEvents.sessionId(TestEvents.requestWhenKnown(unansweredDevice));
        Instant requestedAt = Instant.parse(given().get("/api/sessions/" + requested).path("requestedAt"));

        TestEvents.awaitStatus(requested, "EXPIRED");
        TestEvents.awaitStatus(acknowledged, "EXPIRED");

        Instant endedAt = Instant.parse(given().get("/api/sessions/" + requested).then()
                .body("endReason", equalTo("EXPIRED"))
                .body("endedAt", notNullValue())
                .extract().path("endedAt"));
        assertFalse(Duration.between(requestedAt, endedAt)
                .minusSeconds(ShortExpiryProfile.EXPIRE_AFTER_SECONDS).isNegative(), "not before its time");
        for (String expired : new String[] {requested, acknowledged}) {
            SessionEnded ended = events.awaitOne(EventType.SESSION_ENDED, expired);
            assertEquals("EXPIRED", ended.status());
            assertEquals("EXPIRED", ended.reason());
            assertEquals(1, events.countOn(EventType.SESSION_ENDED.topic(), expired),
                    "expired once");
        }
        given().get("/api/sessions/" + inProgress).then().body("status", equalTo("IN_PROGRESS"));
        // on the trail as this service's own doing
        given().get("/api/sessions/" + acknowledged + "/audit").then()
                .body("items.action", equalTo(List.of("REQUESTED", "ACKNOWLEDGED", "EXPIRED")))
                .body("items[2].actor", equalTo("session-service"))
                .body("items[2].actorRole", equalTo("system"))
                .body("items[2].outcome", equalTo("EXPIRED"));

        // the expired code is dead; the device can get a new session
        given().post("/api/sessions/" + acknowledged + "/start").then().statusCode(409)
                .body("detail", containsString("expired"));
        given().contentType(ContentType.JSON).body(Map.of("deviceId", idleDevice.toString())).post("/api/sessions")
                .then().statusCode(202).body("id", not(equalTo(acknowledged)));
    }
}
