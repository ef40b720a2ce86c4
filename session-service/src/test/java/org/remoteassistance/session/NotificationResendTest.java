package org.remoteassistance.session;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.NotificationIssued;
import org.remoteassistance.events.NotificationResendRequested;
import org.remoteassistance.testing.ServiceTestResource;
import org.remoteassistance.testing.ServiceTestResource.TestTokens;

/**
 * An unanswered session's notification is sent again on request (Remote Help's Retry): the same session and code,
 * at most three times, each on the audit trail; never once the device user answered or the session is over.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class NotificationResendTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    TestEvents events;

    @BeforeEach
    void connect() {
        events = new TestEvents(kafka);
    }

    @Test
    void anUnansweredSessionsNotificationIsSentAgainAtMostThreeTimes() {
        UUID deviceId = events.registeredDevice();
        String id = notifiedSession(deviceId);
        String code = given().get("/api/sessions/" + id).path("sessionCode");

        for (int resend = 1; resend <= 3; resend++) {
            given().header("Authorization", TestTokens.helpdesk("bob@example.com"))
                    .post("/api/sessions/" + id + "/resend-notification").then().statusCode(202)
                    .body("status", equalTo("ACKNOWLEDGED"))
                    .body("sessionCode", equalTo(code))
                    .body("notificationResends", equalTo(resend));
        }
        given().post("/api/sessions/" + id + "/resend-notification").then().statusCode(409)
                .contentType(PROBLEM_JSON).body("detail", containsString("3 times already"));

        List<NotificationResendRequested> asked = events.awaitAll(EventType.NOTIFICATION_RESEND_REQUESTED, id, 3);
        assertEquals(List.of(1, 2, 3), asked.stream().map(NotificationResendRequested::resend).toList());
        assertEquals("bob@example.com", asked.get(0).requestedBy());
        assertEquals(deviceId, asked.get(0).deviceId());
        given().get("/api/sessions/" + id + "/audit").then()
                .body("items.findAll { it.action == 'RESENT' }.outcome",
                        equalTo(List.of("ACKNOWLEDGED", "ACKNOWLEDGED", "ACKNOWLEDGED", "REFUSED")))
                .body("items.findAll { it.action == 'RESENT' }[0].actor", equalTo("bob@example.com"))
                .body("items.findAll { it.action == 'RESENT' }[0].detail", equalTo("Resend 1 of at most 3."));
    }

    @Test
    void nothingIsResentBeforeTheDeviceWasNotifiedOrOnceItsUserAnswered() {
        UUID deviceId = events.registeredDevice();
        String id = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId));
        given().post("/api/sessions/" + id + "/resend-notification").then().statusCode(409)
                .contentType(PROBLEM_JSON).body("detail", containsString("not acknowledged"));
        events.acknowledge(id, deviceId);
        given().post("/api/sessions/" + id + "/resend-notification").then().statusCode(409)
                .body("detail", containsString("not been notified"));
        notify(id, deviceId);

        given().header("Authorization", TestTokens.device(deviceId)).contentType(ContentType.JSON)
                .body(Map.of("allow", true)).post("/api/sessions/" + id + "/device-response").then().statusCode(200);
        given().post("/api/sessions/" + id + "/resend-notification").then().statusCode(409)
                .body("detail", containsString("allowed"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "CANCELLED"))
                .post("/api/sessions/" + id + "/end").then().statusCode(200);
        given().post("/api/sessions/" + id + "/resend-notification").then().statusCode(409)
                .body("detail", containsString("has ended"));
        given().header("Authorization", TestTokens.device(deviceId))
                .post("/api/sessions/" + id + "/resend-notification").then().statusCode(403);
        given().get("/api/sessions/" + id).then().body("notificationResends", equalTo(0));
    }

    private String notifiedSession(UUID deviceId) {
        String id = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId));
        events.acknowledge(id, deviceId);
        notify(id, deviceId);
        return id;
    }

    private void notify(String id, UUID deviceId) {
        events.publish(EventType.NOTIFICATION_ISSUED, new NotificationIssued(UUID.randomUUID(), UUID.fromString(id),
                deviceId, "COMPANY_PORTAL", "Your IT administrator is requesting control", Instant.now()));
        await().atMost(TestEvents.WAIT).until(() -> given().get("/api/sessions/" + id).path("notifiedAt") != null);
    }
}
