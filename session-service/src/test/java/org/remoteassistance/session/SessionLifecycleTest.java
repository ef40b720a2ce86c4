package org.remoteassistance.session;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.NotificationIssued;
import org.remoteassistance.events.SessionAcknowledged;
import org.remoteassistance.events.SessionEnded;
import org.remoteassistance.events.SessionRejected;
import org.remoteassistance.events.SessionStarted;
import org.remoteassistance.events.Topics;
import org.remoteassistance.testing.KafkaTestClient;
import org.remoteassistance.testing.ServiceTestResource;
import org.remoteassistance.testing.ServiceTestResource.TestTokens;

/** A session from acknowledgement to its end: the admin's and the device user's actions and the events they cause. */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class SessionLifecycleTest {

    @Inject
    MeterRegistry registry;

    private static final String PROBLEM_JSON = "application/problem+json";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;


    TestEvents events;

    @BeforeEach
    void connect() {
        events = new TestEvents(kafka);
    }

    @Test
    void acknowledgementShowsCodeAndLinks() {
        UUID deviceId = events.registeredDevice();
        String id = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId));

        SessionAcknowledged acknowledged = events.acknowledge(id, deviceId);

        given().get("/api/sessions/" + id).then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"))
                .body("partner", equalTo("teamviewer"))
                .body("sessionCode", equalTo(acknowledged.sessionCode()))
                .body("supporterLink", equalTo(acknowledged.supporterLink()))
                .body("endCustomerLink", equalTo(acknowledged.endCustomerLink()))
                .body("validUntil", equalTo(acknowledged.validUntil().toString()))
                .body("acknowledgedAt", notNullValue())
                .body("startAvailable", equalTo(true))
                .body("notifiedAt", nullValue());
    }

    @Test
    void notificationIssuedRecordsWhenTheDeviceWasNotified() {
        UUID deviceId = events.registeredDevice();
        String id = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId));
        events.acknowledge(id, deviceId);
        Instant issuedAt = Instant.parse("2026-01-02T03:04:05Z");

        events.publish(EventType.NOTIFICATION_ISSUED, new NotificationIssued(UUID.randomUUID(),
                UUID.fromString(id), deviceId, "COMPANY_PORTAL", "Your IT administrator is requesting control",
                issuedAt));

        await().atMost(TestEvents.WAIT).until(
                () -> given().get("/api/sessions/" + id).path("notifiedAt") != null);
        given().get("/api/sessions/" + id).then()
                .body("notifiedAt", equalTo(issuedAt.toString()))
                .body("status", equalTo("ACKNOWLEDGED"));
    }

    @Test
    void startBeforeAcknowledgementIsAConflict() {
        UUID deviceId = events.registeredDevice();
        String id = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId));

        given().post("/api/sessions/" + id + "/start")
                .then().statusCode(409).contentType(PROBLEM_JSON)
                .body("sessionId", equalTo(id))
                .body("sessionStatus", equalTo("REQUESTED"))
                .body("detail", containsString("not acknowledged"));
        allow(id, deviceId, true).statusCode(409).contentType(PROBLEM_JSON);
        given().get("/api/sessions/" + id).then().body("status", equalTo("REQUESTED"));
    }

    @Test
    void adminStartsThenDeviceAllows() {
        UUID deviceId = events.registeredDevice();
        String id = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId));
        SessionAcknowledged acknowledged = events.acknowledge(id, deviceId);

        given().post("/api/sessions/" + id + "/start").then().statusCode(200)
                .body("sessionCode", equalTo(acknowledged.sessionCode()))
                .body("supporterLink", equalTo(acknowledged.supporterLink()));
        given().get("/api/sessions/" + id).then()
                .body("status", equalTo("ACKNOWLEDGED"))
                .body("adminStartedAt", notNullValue())
                .body("deviceAllowedAt", nullValue());
        assertTrue(events.nothingOn(Topics.SESSION_STARTED, id),
                "not started before the device user allowed");

        allow(id, deviceId, true).statusCode(200)
                .body("status", equalTo("IN_PROGRESS"))
                .body("startedAt", notNullValue())
                .body("deviceAllowedAt", notNullValue());

        SessionStarted started = events.awaitOne(EventType.SESSION_STARTED, id);
        assertEquals(deviceId, started.deviceId());
        // both are safe to repeat: the admin gets the code again, nothing is published twice
        given().post("/api/sessions/" + id + "/start").then().statusCode(200)
                .body("sessionCode", equalTo(acknowledged.sessionCode()));
        allow(id, deviceId, true).statusCode(200).body("status", equalTo("IN_PROGRESS"));
        assertEquals(1, events.countOn(Topics.SESSION_STARTED, id));
    }

    @Test
    void deviceAllowsThenAdminStarts() {
        UUID deviceId = events.registeredDevice();
        String id = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId));
        events.acknowledge(id, deviceId);

        allow(id, deviceId, true).statusCode(200).body("status", equalTo("ACKNOWLEDGED"))
                .body("deviceAllowedAt", notNullValue());
        given().post("/api/sessions/" + id + "/start").then().statusCode(200)
                .body("sessionCode", notNullValue());

        given().get("/api/sessions/" + id).then().body("status", equalTo("IN_PROGRESS"));
        assertEquals(deviceId, events.awaitOne(EventType.SESSION_STARTED, id).deviceId());
    }

    @Test
    void deviceDeclinesAndTheSessionEnds() {
        UUID deviceId = events.registeredDevice();
        String id = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId));
        events.acknowledge(id, deviceId);

        allow(id, deviceId, false).statusCode(200)
                .body("status", equalTo("ENDED"))
                .body("endReason", equalTo("DECLINED"))
                .body("endedAt", notNullValue())
                .body("startAvailable", equalTo(false));

        SessionEnded ended = events.awaitOne(EventType.SESSION_ENDED, id);
        assertEquals("ENDED", ended.status());
        assertEquals("DECLINED", ended.reason());
        allow(id, deviceId, false).statusCode(200).body("endReason", equalTo("DECLINED"));
        allow(id, deviceId, true).statusCode(409).contentType(PROBLEM_JSON);
        given().post("/api/sessions/" + id + "/start").then().statusCode(409);
    }

    @Test
    void lostConnectionEndsTheSessionForGoodAndANewOneCanBeRequested() {
        UUID deviceId = events.registeredDevice();
        String id = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId));
        events.acknowledge(id, deviceId);
        given().post("/api/sessions/" + id + "/start").then().statusCode(200);
        allow(id, deviceId, true).statusCode(200).body("status", equalTo("IN_PROGRESS"));

        end(id, "CONNECTION_LOST").statusCode(200)
                .body("status", equalTo("ENDED"))
                .body("endReason", equalTo("CONNECTION_LOST"))
                .body("endedAt", notNullValue());
        SessionEnded ended = events.awaitOne(EventType.SESSION_ENDED, id);
        assertEquals("ENDED", ended.status());
        assertEquals("CONNECTION_LOST", ended.reason());

        given().post("/api/sessions/" + id + "/start")
                .then().statusCode(409).contentType(PROBLEM_JSON)
                .body("sessionStatus", equalTo("ENDED"))
                .body("detail", containsString("single-use"))
                .body("detail", containsString("request a new session"));

        String next = TestEvents.sessionId(given().contentType(ContentType.JSON)
                .body(Map.of("deviceId", deviceId.toString())).post("/api/sessions").thenReturn());
        assertNotEquals(id, next, "a new session, with a new id");
        given().get("/api/sessions/" + next).then().body("status", equalTo("REQUESTED")).body("sessionCode",
                nullValue());
    }

    @Test
    void endingTwiceIsNotAnError() {
        UUID deviceId = events.registeredDevice();
        String id = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId));

        end(id, "CANCELLED").statusCode(200).body("status", equalTo("ENDED")).body("endReason", equalTo("CANCELLED"));
        String endedAt = given().get("/api/sessions/" + id).path("endedAt");
        end(id, "COMPLETED").statusCode(200)
                .body("status", equalTo("ENDED"))
                .body("endReason", equalTo("CANCELLED"))
                .body("endedAt", equalTo(endedAt));
        assertEquals(1, events.countOn(Topics.SESSION_ENDED, id), "one SessionEnded");
    }

    @Test
    void endNeedsAReasonACallerMayGive() {
        UUID deviceId = events.registeredDevice();
        String id = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId));

        end(id, "DECLINED").statusCode(400).contentType(PROBLEM_JSON).body("detail", containsString("COMPLETED"));
        end(id, "FINISHED").statusCode(400).contentType(PROBLEM_JSON);
        given().contentType(ContentType.JSON).body("{}").post("/api/sessions/" + id + "/end")
                .then().statusCode(400).contentType(PROBLEM_JSON);
        given().header("Authorization", TestTokens.device(deviceId)).contentType(ContentType.JSON).body("{}")
                .post("/api/sessions/" + id + "/device-response")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("detail", containsString("allow"));
        given().header("Authorization", TestTokens.device(deviceId)).contentType(ContentType.JSON)
                .body("{\"allow\": \"maybe\"}").post("/api/sessions/" + id + "/device-response")
                .then().statusCode(400).contentType(PROBLEM_JSON);
        given().get("/api/sessions/" + id).then().body("status", equalTo("REQUESTED"));
    }

    @Test
    void rejectionFromTheConnectorIsRecordedWithItsReason() {
        UUID deviceId = events.registeredDevice();
        String id = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId));

        events.publish(EventType.SESSION_REJECTED, new SessionRejected(UUID.fromString(id), deviceId,
                "CONNECTOR_NOT_CONNECTED", "The TeamViewer connector is not connected", Instant.now()));

        TestEvents.awaitStatus(id, "REJECTED");
        given().get("/api/sessions/" + id).then()
                .body("rejectReason", equalTo("CONNECTOR_NOT_CONNECTED"))
                .body("rejectDetail", equalTo("The TeamViewer connector is not connected"));
        given().post("/api/sessions/" + id + "/start").then().statusCode(409).body("detail",
                containsString("rejected"));
        end(id, "CANCELLED").statusCode(200).body("status", equalTo("REJECTED"));
        // a rejected session is not open: the device can get a new one
        given().contentType(ContentType.JSON).body(Map.of("deviceId", deviceId.toString())).post("/api/sessions")
                .then().statusCode(202);
    }

    @Test
    void lateAcknowledgementOfAnEndedSessionChangesNothing() {
        UUID deviceId = events.registeredDevice();
        String id = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId));
        end(id, "CANCELLED").statusCode(200);

        CloudEvent<SessionAcknowledged> late = events.publish(EventType.SESSION_ACKNOWLEDGED,
                TestEvents.acknowledgement(id, deviceId));

        TestEvents.awaitProcessed(late.id());
        given().get("/api/sessions/" + id).then()
                .body("status", equalTo("ENDED"))
                .body("endReason", equalTo("CANCELLED"))
                .body("sessionCode", nullValue());
    }

    @Test
    void secondAcknowledgementDoesNotReplaceTheCode() {
        UUID deviceId = events.registeredDevice();
        String id = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId));
        SessionAcknowledged first = events.acknowledge(id, deviceId);

        SessionAcknowledged other = new SessionAcknowledged(first.sessionId(), deviceId, "other-connector",
                "s99-999-999", "https://example.com/s", "https://example.com/e", first.validUntil());
        CloudEvent<SessionAcknowledged> second = events.publish(EventType.SESSION_ACKNOWLEDGED, other);

        TestEvents.awaitProcessed(second.id());
        given().get("/api/sessions/" + id).then().body("sessionCode", equalTo(first.sessionCode()))
                .body("sessionCode", not(equalTo("s99-999-999")));
    }

    @Test
    void acknowledgementOfAnUnknownSessionIsDeadLettered() {
        UUID unknown = UUID.randomUUID();
        events.publish(EventType.SESSION_ACKNOWLEDGED, TestEvents.acknowledgement(unknown.toString(),
                UUID.randomUUID()));

        ConsumerRecord<String, String> dead = events.awaitDeadLetter(unknown.toString()).get(0);
        assertEquals("unknown session " + unknown, KafkaTestClient.header(dead, "dead-letter-reason"));

        // the consumer goes on: the next acknowledgement is applied
        UUID deviceId = events.registeredDevice();
        String id = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId));
        events.acknowledge(id, deviceId);
    }

    @Test
    void acknowledgementNamingAnotherDeviceIsDeadLettered() {
        UUID deviceId = events.registeredDevice();
        String id = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId));

        events.publish(EventType.SESSION_ACKNOWLEDGED, TestEvents.acknowledgement(id, UUID.randomUUID()));

        ConsumerRecord<String, String> dead = events.awaitDeadLetter(id).get(0);
        assertTrue(KafkaTestClient.header(dead, "dead-letter-reason").contains("belongs to device " + deviceId));
        given().get("/api/sessions/" + id).then().body("status", equalTo("REQUESTED"));
    }

    @Test
    void theBusinessStepsAreCountedOnceEachAndOnlyWhenTheyChangeTheSession() {
        double requested = count("sessions.steps", "step", "REQUESTED");
        double acknowledged = count("sessions.steps", "step", "ACKNOWLEDGED");
        double started = count("sessions.steps", "step", "STARTED");
        double completed = count("sessions.ended", "reason", "COMPLETED");
        double refusedStarts = count("sessions.refused", "action", "STARTED");
        long timedAcknowledgements = timings("sessions.time.to.acknowledge");
        UUID deviceId = events.registeredDevice();
        String id = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId));
        // too early: nothing to launch yet, so the rules refuse it
        given().post("/api/sessions/" + id + "/start").then().statusCode(409);
        events.acknowledge(id, deviceId);
        // the same acknowledgement again, under another event id: ignored, so counted nowhere
        CloudEvent<SessionAcknowledged> again = events.publish(EventType.SESSION_ACKNOWLEDGED,
                TestEvents.acknowledgement(id, deviceId));
        TestEvents.awaitProcessed(again.id());

        given().post("/api/sessions/" + id + "/start").then().statusCode(200);
        allow(id, deviceId, true).statusCode(200).body("status", equalTo("IN_PROGRESS"));
        end(id, "COMPLETED").statusCode(200);

        assertEquals(requested + 1, count("sessions.steps", "step", "REQUESTED"));
        assertEquals(acknowledged + 1, count("sessions.steps", "step", "ACKNOWLEDGED"));
        assertEquals(timedAcknowledgements + 1, timings("sessions.time.to.acknowledge"));
        assertEquals(started + 1, count("sessions.steps", "step", "STARTED"));
        assertEquals(completed + 1, count("sessions.ended", "reason", "COMPLETED"));
        assertEquals(refusedStarts + 1, count("sessions.refused", "action", "STARTED"));
    }

    private double count(String name, String tag, String value) {
        return registry.find(name).tag(tag, value).counters().stream().mapToDouble(Counter::count).sum();
    }

    private long timings(String name) {
        return registry.find(name).timers().stream().mapToLong(Timer::count).sum();
    }

    /** The device user answers, with the device's own token: nobody else may. */
    private ValidatableResponse allow(String id, UUID deviceId, boolean allow) {
        return given().header("Authorization", TestTokens.device(deviceId))
                .contentType(ContentType.JSON).body(Map.of("allow", allow))
                .post("/api/sessions/" + id + "/device-response").then();
    }

    private ValidatableResponse end(String id, String reason) {
        return given().contentType(ContentType.JSON).body(Map.of("reason", reason))
                .post("/api/sessions/" + id + "/end").then();
    }
}
