package org.remoteassistance.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.DeviceSnapshot;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.NotificationIssued;
import org.remoteassistance.events.NotificationResendRequested;
import org.remoteassistance.events.SessionAcknowledged;
import org.remoteassistance.events.SessionEnded;
import org.remoteassistance.events.Topics;
import org.remoteassistance.testing.Barriers;
import org.remoteassistance.testing.KafkaTestClient;
import org.remoteassistance.testing.ServiceTestResource;

/** The device's side of the journey: an acknowledged session appears in its Company Portal, once, until it ends. */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class CompanyPortalNotificationTest {

    @Inject
    DataSource dataSource;

    static final String MESSAGE =
            "Your IT administrator is requesting control of this device for a remote assistance session";
    /** Generous: the first test of a JVM may wait for the consumers to join their group on a loaded machine. */
    static final Duration EVENTUALLY = Duration.ofSeconds(90);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void acknowledgedSessionNotifiesAWindowsDeviceWithTheCodeLinkAndWindowsSteps() {
        UUID deviceId = registeredDevice("WINDOWS");
        UUID sessionId = UUID.randomUUID();
        SessionAcknowledged acknowledged = TestEvents.acknowledged(sessionId, deviceId, "s12-345-678");

        TestEvents.publishBinary(kafka, TestEvents.event(EventType.SESSION_ACKNOWLEDGED, acknowledged));

        ValidatableResponse list = awaitNotifications(deviceId, 1);
        list.body("unread", equalTo(1))
                .body("items[0].id", notNullValue())
                .body("items[0].sessionId", equalTo(sessionId.toString()))
                .body("items[0].title", equalTo("Remote assistance request"))
                .body("items[0].message", equalTo(MESSAGE))
                .body("items[0].reason", nullValue())
                .body("items[0].sessionCode", equalTo("s12-345-678"))
                .body("items[0].endCustomerLink", equalTo(acknowledged.endCustomerLink()))
                .body("items[0].instructions", allOf(containsString("Windows"), containsString("Run"),
                        containsString("make changes"), containsString("s12-345-678"), containsString("allow")))
                .body("items[0].instructions", not(containsString("App Store")))
                .body("items[0].actionable", equalTo(true))
                .body("items[0].read", equalTo(false))
                .body("items[0].issuedAt", notNullValue());
        String notificationId = list.extract().path("items[0].id");

        ConsumerRecord<String, String> record = KafkaTestClient.await(kafka, Topics.NOTIFICATION_ISSUED,
                r -> sessionId.toString().equals(r.key()), 1, EVENTUALLY).get(0);
        CloudEvent<NotificationIssued> issued = CloudEventCodec.decode(EventType.NOTIFICATION_ISSUED,
                record.headers(), record.value());
        assertEquals("/notification-service", issued.source());
        assertEquals(notificationId, issued.data().notificationId().toString());
        assertEquals(deviceId, issued.data().deviceId());
        assertEquals("COMPANY_PORTAL", issued.data().channel());
        assertEquals(MESSAGE, issued.data().message());
        assertEquals(Instant.parse(list.extract().path("items[0].issuedAt")), issued.data().issuedAt());
    }

    @Test
    void structuredAcknowledgementNotifiesAnIosDeviceWithAppStoreSteps() {
        UUID deviceId = registeredDevice("IOS");
        UUID sessionId = UUID.randomUUID();

        TestEvents.publishStructured(kafka, TestEvents.event(EventType.SESSION_ACKNOWLEDGED,
                TestEvents.acknowledged(sessionId, deviceId, "s98-765-432")));

        awaitNotifications(deviceId, 1)
                .body("items[0].sessionCode", equalTo("s98-765-432"))
                .body("items[0].instructions", allOf(containsString("App Store"), containsString("QuickSupport"),
                        containsString("s98-765-432")))
                .body("items[0].instructions", not(containsString("Windows")))
                .body("items[0].instructions", not(containsString("make changes")));
    }

    @Test
    void unknownOrLinuxPlatformGetsGenericSteps() {
        UUID unknownDevice = UUID.randomUUID();
        UUID linuxDevice = registeredDevice("LINUX");

        TestEvents.publishBinary(kafka, TestEvents.event(EventType.SESSION_ACKNOWLEDGED,
                TestEvents.acknowledged(UUID.randomUUID(), unknownDevice, "s11-111-111")));
        TestEvents.publishBinary(kafka, TestEvents.event(EventType.SESSION_ACKNOWLEDGED,
                TestEvents.acknowledged(UUID.randomUUID(), linuxDevice, "s22-222-222")));

        for (UUID deviceId : List.of(unknownDevice, linuxDevice)) {
            awaitNotifications(deviceId, 1)
                    .body("items[0].instructions", allOf(containsString("download the TeamViewer app"),
                            containsString("allow")))
                    .body("items[0].instructions", allOf(not(containsString("Windows")),
                            not(containsString("App Store")), not(containsString("Play Store"))));
        }
    }

    @Test
    void anOlderDeviceSnapshotDoesNotOverwriteTheNewerPlatform() {
        UUID deviceId = registeredDevice("ANDROID");
        CloudEvent<DeviceSnapshot> stale = TestEvents.event(EventType.DEVICE_REGISTERED,
                TestEvents.device(deviceId, "WINDOWS", Instant.now().minus(1, ChronoUnit.DAYS)));
        TestEvents.publishBinary(kafka, stale);
        await().atMost(EVENTUALLY).until(() -> TestEvents.processed(stale));

        TestEvents.publishBinary(kafka, TestEvents.event(EventType.SESSION_ACKNOWLEDGED,
                TestEvents.acknowledged(UUID.randomUUID(), deviceId, "s33-333-333")));

        awaitNotifications(deviceId, 1)
                .body("items[0].instructions", containsString("Google Play Store"))
                .body("items[0].instructions", not(containsString("Windows")));
    }

    @Test
    void theSameAcknowledgementTwiceOrASecondOneForTheSessionMakesOneNotification() {
        UUID deviceId = registeredDevice("WINDOWS");
        UUID sessionId = UUID.randomUUID();
        CloudEvent<SessionAcknowledged> first = TestEvents.event(EventType.SESSION_ACKNOWLEDGED,
                TestEvents.acknowledged(sessionId, deviceId, "s44-444-444"));
        CloudEvent<SessionAcknowledged> another = TestEvents.event(EventType.SESSION_ACKNOWLEDGED,
                TestEvents.acknowledged(sessionId, deviceId, "s55-555-555"));

        TestEvents.publishBinary(kafka, first);
        TestEvents.publishBinary(kafka, first);
        TestEvents.publishBinary(kafka, another);
        // same key, same partition: once the last one is processed, so are the two before it
        await().atMost(EVENTUALLY).until(() -> TestEvents.processed(another));

        given().get("/api/devices/{deviceId}/notifications", deviceId).then().statusCode(200)
                .body("unread", equalTo(1))
                .body("items", hasSize(1))
                .body("items[0].sessionCode", equalTo("s44-444-444"));
        Barriers.awaitOutboxDrained(dataSource);
        assertEquals(1, KafkaTestClient.readToEnd(kafka, Topics.NOTIFICATION_ISSUED,
                r -> sessionId.toString().equals(r.key())).size(),
                "one NotificationIssued per session");
    }

    @Test
    void newestNotificationComesFirstAndOnlyUnreadOnesAreCounted() {
        UUID deviceId = registeredDevice("WINDOWS");
        UUID olderSession = UUID.randomUUID();
        UUID newerSession = UUID.randomUUID();
        TestEvents.publishBinary(kafka, TestEvents.event(EventType.SESSION_ACKNOWLEDGED,
                TestEvents.acknowledged(olderSession, deviceId, "s66-666-661")));
        awaitNotifications(deviceId, 1);
        TestEvents.publishBinary(kafka, TestEvents.event(EventType.SESSION_ACKNOWLEDGED,
                TestEvents.acknowledged(newerSession, deviceId, "s66-666-662")));

        ValidatableResponse list = awaitNotifications(deviceId, 2)
                .body("unread", equalTo(2))
                .body("items[0].sessionId", equalTo(newerSession.toString()))
                .body("items[1].sessionId", equalTo(olderSession.toString()));
        String older = list.extract().path("items[1].id");

        given().post("/api/notifications/{id}/read", older).then().statusCode(204);
        given().post("/api/notifications/{id}/read", older).then().statusCode(204);

        given().get("/api/devices/{deviceId}/notifications", deviceId).then().statusCode(200)
                .body("unread", equalTo(1))
                .body("items[0].read", equalTo(false))
                .body("items[1].read", equalTo(true));
    }

    @Test
    void readingAnUnknownNotificationIsAProblem() {
        given().post("/api/notifications/{id}/read", UUID.randomUUID()).then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", notNullValue())
                .body("detail", containsString("notification"));
        given().post("/api/notifications/{id}/read", "not-a-uuid").then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aDeviceWithoutNotificationsHasAnEmptyList() {
        given().get("/api/devices/{deviceId}/notifications", UUID.randomUUID()).then()
                .statusCode(200)
                .body("unread", equalTo(0))
                .body("items", empty());
        given().get("/api/devices/{deviceId}/notifications", "not-a-uuid").then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void anEndedSessionsNotificationIsNoLongerActionable() {
        UUID deviceId = registeredDevice("WINDOWS");
        UUID sessionId = UUID.randomUUID();
        TestEvents.publishBinary(kafka, TestEvents.event(EventType.SESSION_ACKNOWLEDGED,
                TestEvents.acknowledged(sessionId, deviceId, "s77-777-777")));
        awaitNotifications(deviceId, 1).body("items[0].actionable", equalTo(true));

        TestEvents.publishBinary(kafka, TestEvents.event(EventType.SESSION_ENDED,
                TestEvents.ended(sessionId, deviceId, "CONNECTION_LOST")));

        await().atMost(EVENTUALLY).untilAsserted(() -> given()
                .get("/api/devices/{deviceId}/notifications", deviceId).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].actionable", equalTo(false))
                .body("items[0].sessionCode", equalTo("s77-777-777")));
    }

    /** Sent again: a new notification in the old one's place, unread, same code, issued and published again. */
    @Test
    void aResentNotificationTakesTheOldOnesPlaceUnreadAndIsIssuedAgain() {
        UUID deviceId = registeredDevice("WINDOWS");
        UUID sessionId = UUID.randomUUID();
        String firstId = notifiedAndRead(sessionId, deviceId, "s44-444-444");

        CloudEvent<NotificationResendRequested> resend = TestEvents.event(EventType.NOTIFICATION_RESEND_REQUESTED,
                new NotificationResendRequested(sessionId, deviceId, "admin@example.com", 1, Instant.now()));
        TestEvents.publishBinary(kafka, resend);
        await().atMost(EVENTUALLY).until(() -> TestEvents.processed(resend));

        String againId = given().get("/api/devices/{deviceId}/notifications", deviceId).then().statusCode(200)
                .body("unread", equalTo(1))
                .body("items", hasSize(1))
                .body("items[0].id", not(equalTo(firstId)))
                .body("items[0].sessionCode", equalTo("s44-444-444"))
                .body("items[0].message", equalTo(MESSAGE))
                .body("items[0].actionable", equalTo(true))
                .body("items[0].read", equalTo(false))
                .extract().path("items[0].id");
        List<ConsumerRecord<String, String>> issued = KafkaTestClient.await(kafka, Topics.NOTIFICATION_ISSUED,
                r -> sessionId.toString().equals(r.key()), 2, EVENTUALLY);
        assertEquals(againId, CloudEventCodec.decode(EventType.NOTIFICATION_ISSUED, issued.get(1).headers(),
                issued.get(1).value()).data().notificationId().toString());

        // over: a resend arriving late changes nothing
        CloudEvent<SessionEnded> ended = TestEvents.event(EventType.SESSION_ENDED,
                TestEvents.ended(sessionId, deviceId, "CANCELLED"));
        TestEvents.publishBinary(kafka, ended);
        CloudEvent<NotificationResendRequested> late = TestEvents.event(EventType.NOTIFICATION_RESEND_REQUESTED,
                new NotificationResendRequested(sessionId, deviceId, "admin@example.com", 2, Instant.now()));
        TestEvents.publishBinary(kafka, late);
        await().atMost(EVENTUALLY).until(() -> TestEvents.processed(late));
        given().get("/api/devices/{deviceId}/notifications", deviceId).then()
                .body("items", hasSize(1)).body("items[0].id", equalTo(againId))
                .body("items[0].actionable", equalTo(false));
    }

    /** The administrator chose to tell the device user why: the notification says it beside the usual words. */
    @Test
    void theReasonTheAdministratorChoseToShowIsInTheNotification() {
        UUID deviceId = registeredDevice("MACOS");
        UUID sessionId = UUID.randomUUID();
        SessionAcknowledged plain = TestEvents.acknowledged(sessionId, deviceId, "s55-555-555");
        TestEvents.publishBinary(kafka, TestEvents.event(EventType.SESSION_ACKNOWLEDGED, new SessionAcknowledged(
                plain.sessionId(), plain.deviceId(), plain.partner(), plain.sessionCode(), plain.supporterLink(),
                plain.endCustomerLink(), plain.validUntil(), "Your disk is almost full")));

        awaitNotifications(deviceId, 1)
                .body("items[0].message", equalTo(MESSAGE))
                .body("items[0].reason", equalTo("Your disk is almost full"))
                .body("items[0].actionable", equalTo(true));
    }

    /** The person at the device was in the session when it stopped: a notice tells them why, in the request's place. */
    @Test
    void aSessionEndedAtItsTimeLimitIsToldToTheDeviceInsteadOfItsRequest() {
        UUID deviceId = registeredDevice("WINDOWS");
        UUID sessionId = UUID.randomUUID();
        String requestId = notifiedAndRead(sessionId, deviceId, "s66-666-666");

        CloudEvent<SessionEnded> ended = TestEvents.event(EventType.SESSION_ENDED,
                TestEvents.ended(sessionId, deviceId, "TIME_LIMIT"));
        TestEvents.publishBinary(kafka, ended);
        await().atMost(EVENTUALLY).until(() -> TestEvents.processed(ended));

        given().get("/api/devices/{deviceId}/notifications", deviceId).then().statusCode(200)
                .body("unread", equalTo(1))
                .body("items", hasSize(1))
                .body("items[0].id", not(equalTo(requestId)))
                .body("items[0].sessionId", equalTo(sessionId.toString()))
                .body("items[0].title", equalTo("Remote assistance session ended"))
                .body("items[0].message", containsString("reached its time limit"))
                .body("items[0].actionable", equalTo(false))
                .body("items[0].read", equalTo(false));
        // told once: another end of the same session changes nothing
        CloudEvent<SessionEnded> again = TestEvents.event(EventType.SESSION_ENDED,
                TestEvents.ended(sessionId, deviceId, "TIME_LIMIT"));
        TestEvents.publishBinary(kafka, again);
        await().atMost(EVENTUALLY).until(() -> TestEvents.processed(again));
        given().get("/api/devices/{deviceId}/notifications", deviceId).then()
                .body("unread", equalTo(1)).body("items", hasSize(1));
    }

    @Test
    void aSessionThatEndedBeforeItsAcknowledgementArrivedIsNeverShown() {
        UUID deviceId = registeredDevice("WINDOWS");
        UUID sessionId = UUID.randomUUID();
        CloudEvent<SessionEnded> ended = TestEvents.event(EventType.SESSION_ENDED,
                TestEvents.ended(sessionId, deviceId, "CANCELLED"));
        TestEvents.publishBinary(kafka, ended);
        await().atMost(EVENTUALLY).until(() -> TestEvents.processed(ended));

        CloudEvent<SessionAcknowledged> late = TestEvents.event(EventType.SESSION_ACKNOWLEDGED,
                TestEvents.acknowledged(sessionId, deviceId, "s88-888-888"));
        TestEvents.publishBinary(kafka, late);
        await().atMost(EVENTUALLY).until(() -> TestEvents.processed(late));

        given().get("/api/devices/{deviceId}/notifications", deviceId).then().statusCode(200)
                .body("unread", equalTo(0))
                .body("items", empty());
        Barriers.awaitOutboxDrained(dataSource);
        assertTrue(KafkaTestClient.readToEnd(kafka, Topics.NOTIFICATION_ISSUED,
                r -> sessionId.toString().equals(r.key())).isEmpty(),
                "no NotificationIssued for a session that is over");
    }

    /** The session's notification, issued on its acknowledgement and read at the device; answers its id. */
    private String notifiedAndRead(UUID sessionId, UUID deviceId, String code) {
        TestEvents.publishBinary(kafka, TestEvents.event(EventType.SESSION_ACKNOWLEDGED,
                TestEvents.acknowledged(sessionId, deviceId, code)));
        String id = awaitNotifications(deviceId, 1).extract().path("items[0].id");
        given().post("/api/notifications/{id}/read", id).then().statusCode(204);
        return id;
    }

    /** A device registered with device-service, as this service learns of it: from the devices topic. */
    private UUID registeredDevice(String platform) {
        UUID deviceId = UUID.randomUUID();
        CloudEvent<DeviceSnapshot> registered = TestEvents.event(EventType.DEVICE_REGISTERED,
                TestEvents.device(deviceId, platform, Instant.now()));
        TestEvents.publishBinary(kafka, registered);
        await().atMost(EVENTUALLY).until(() -> TestEvents.processed(registered));
        return deviceId;
    }

    static ValidatableResponse awaitNotifications(UUID deviceId, int count) {
        await().atMost(EVENTUALLY).untilAsserted(() -> given()
                .get("/api/devices/{deviceId}/notifications", deviceId).then().statusCode(200)
                .body("items", hasSize(count)));
        return given().get("/api/devices/{deviceId}/notifications", deviceId).then().statusCode(200);
    }
}
