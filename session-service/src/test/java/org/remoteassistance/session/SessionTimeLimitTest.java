package org.remoteassistance.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
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
import org.remoteassistance.session.service.SessionExpiry;
import org.remoteassistance.testing.ServiceTestResource;
import org.remoteassistance.testing.ServiceTestResource.TestTokens;

/**
 * A session in progress ends with TIME_LIMIT when it has run for as long as its request allowed, or the default; the
 * limit travels in {@code SessionRequested}. The time-limit pass runs here with the clock it would read at the limit
 * (the scheduled job reads the real one), so the test does not wait minutes; only a couple of minutes ahead, which
 * ends no other test's session (theirs have the default eight hours) and stays within the events' clock skew.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
@TestProfile(ShortExpiryProfile.class)
class SessionTimeLimitTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    SessionExpiry expiry;

    TestEvents events;

    @BeforeEach
    void connect() {
        events = new TestEvents(kafka);
    }

    @Test
    void aSessionInProgressEndsAtTheLimitItsRequestSet() {
        UUID device = events.registeredDevice();
        String limited = TestEvents.sessionId(TestEvents.requestWhenKnown(device, Map.of(),
                Map.of("maxDurationMinutes", 2)));
        given().get("/api/sessions/" + limited).then().body("maxDurationMinutes", equalTo(2))
                .body("timeLimitAt", nullValue());
        assertEquals(2, events.awaitOne(EventType.SESSION_REQUESTED, limited).maxDurationMinutes(),
                "the limit travels with the request");
        startAndAllow(limited, device);
        Instant startedAt = Instant.parse(given().get("/api/sessions/" + limited).path("startedAt"));
        Instant limit = Instant.parse(given().get("/api/sessions/" + limited).path("timeLimitAt"));
        assertEquals(startedAt.plus(Duration.ofMinutes(2)), limit);

        expiry.endAtTimeLimitBatch(limit.minusSeconds(1));
        given().get("/api/sessions/" + limited).then().body("status", equalTo("IN_PROGRESS"));
        expiry.endAtTimeLimitBatch(limit);
        expiry.endAtTimeLimitBatch(limit.plusSeconds(1));

        given().get("/api/sessions/" + limited).then().body("status", equalTo("ENDED"))
                .body("endReason", equalTo("TIME_LIMIT"));
        SessionEnded ended = events.awaitOne(EventType.SESSION_ENDED, limited);
        assertEquals("ENDED", ended.status());
        assertEquals("TIME_LIMIT", ended.reason());
        assertEquals(1, events.countOn(EventType.SESSION_ENDED.topic(), limited), "ended once");
        given().get("/api/sessions/" + limited + "/audit").then()
                .body("items.action", equalTo(List.of("REQUESTED", "ACKNOWLEDGED", "STARTED", "ALLOWED", "ENDED")))
                .body("items[4].actor", equalTo("session-service"))
                .body("items[4].actorRole", equalTo("system"))
                .body("items[4].detail", equalTo("Reached its time limit of 2 minutes."));
    }

    @Test
    void withoutALimitTheDefaultApplies() {
        UUID device = events.registeredDevice();
        String session = TestEvents.sessionId(TestEvents.requestWhenKnown(device));
        given().get("/api/sessions/" + session).then().body("maxDurationMinutes", equalTo(480));
        startAndAllow(session, device);
        // (not run with a clock hours ahead: that would end other tests' sessions in this database too)
        Instant startedAt = Instant.parse(given().get("/api/sessions/" + session).path("startedAt"));
        assertEquals(startedAt.plus(Duration.ofHours(8)),
                Instant.parse(given().get("/api/sessions/" + session).path("timeLimitAt")));
    }

    private void startAndAllow(String sessionId, UUID device) {
        events.acknowledge(sessionId, device);
        given().post("/api/sessions/" + sessionId + "/start").then().statusCode(200);
        given().header("Authorization", TestTokens.device(device)).contentType(ContentType.JSON)
                .body(Map.of("allow", true)).post("/api/sessions/" + sessionId + "/device-response")
                .then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
    }
}
