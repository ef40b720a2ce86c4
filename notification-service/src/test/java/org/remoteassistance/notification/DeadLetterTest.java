package org.remoteassistance.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.DeviceSnapshot;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.SessionAcknowledged;
import org.remoteassistance.events.SessionEnded;
import org.remoteassistance.events.Topics;
import org.remoteassistance.testing.KafkaTestClient;
import org.remoteassistance.testing.ServiceTestResource;

/** An event that cannot be processed is set aside with its reason; the consumer goes on with the next one. */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class DeadLetterTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void malformedAcknowledgementIsDeadLetteredAndTheNextOneIsProcessed() {
        UUID deviceId = UUID.randomUUID();
        UUID sessionId = UUID.randomUUID();
        CloudEvent<SessionAcknowledged> valid = TestEvents.event(EventType.SESSION_ACKNOWLEDGED,
                TestEvents.acknowledged(sessionId, deviceId, "s20-000-001"));
        String notJsonKey = UUID.randomUUID().toString();
        String noCodeKey = UUID.randomUUID().toString();

        KafkaTestClient.publish(kafka, Topics.SESSION_ACKNOWLEDGED, notJsonKey, "{not json",
                CloudEventCodec.binaryHeaders(valid));
        Map<String, String> otherHeaders = CloudEventCodec.binaryHeaders(TestEvents.event(
                EventType.SESSION_ACKNOWLEDGED, TestEvents.acknowledged(sessionId, deviceId, "unused")));
        KafkaTestClient.publish(kafka, Topics.SESSION_ACKNOWLEDGED, noCodeKey,
                "{\"sessionId\":\"" + sessionId + "\",\"deviceId\":\"" + deviceId + "\",\"partner\":\"teamviewer\"}",
                otherHeaders);
        TestEvents.publishBinary(kafka, valid);

        assertThat(deadLetterReason(notJsonKey), containsString("not JSON"));
        assertThat(deadLetterReason(noCodeKey), containsString("sessionCode"));
        CompanyPortalNotificationTest.awaitNotifications(deviceId, 1);
    }

    @Test
    void deviceEventOfAnUnknownTypeIsDeadLetteredAndTheNextOneIsProcessed() {
        UUID deviceId = UUID.randomUUID();
        CloudEvent<DeviceSnapshot> registered = TestEvents.event(EventType.DEVICE_REGISTERED,
                TestEvents.device(deviceId, "MACOS", Instant.now()));
        Map<String, String> headers = new LinkedHashMap<>(CloudEventCodec.binaryHeaders(registered));
        headers.put(CloudEventCodec.HEADER_TYPE, "DeviceExploded");
        headers.put(CloudEventCodec.HEADER_ID, UUID.randomUUID().toString());

        KafkaTestClient.publish(kafka, Topics.DEVICES, registered.key(), CloudEventCodec.dataJson(registered.data()),
                headers);
        TestEvents.publishBinary(kafka, registered);

        assertThat(deadLetterReason(registered.key()), containsString("DeviceExploded"));
        await().atMost(CompanyPortalNotificationTest.EVENTUALLY).until(() -> TestEvents.processed(registered));
    }

    @Test
    void anAcknowledgementWhoseLinkOrCodeMayNotBeShownToTheDeviceIsDeadLettered() {
        UUID deviceId = UUID.randomUUID();
        SessionAcknowledged scriptLink = acknowledged(deviceId, "s30-000-001", "javascript:alert(document.cookie)");
        SessionAcknowledged fileLink = acknowledged(deviceId, "s30-000-002", "file:///etc/passwd");
        SessionAcknowledged hugeLink = acknowledged(deviceId, "s30-000-003",
                "https://get.teamviewer.example/" + "a".repeat(3000));
        SessionAcknowledged markupCode = acknowledged(deviceId, "<img src=x onerror=alert(1)>",
                "https://get.teamviewer.example/s30");
        CloudEvent<SessionAcknowledged> valid = TestEvents.event(EventType.SESSION_ACKNOWLEDGED,
                acknowledged(deviceId, "s30-000-005", "https://get.teamviewer.example/s30000005"));
        for (SessionAcknowledged refused : List.of(scriptLink, fileLink, hugeLink, markupCode)) {
            TestEvents.publishBinary(kafka, TestEvents.event(EventType.SESSION_ACKNOWLEDGED, refused));
        }
        TestEvents.publishBinary(kafka, valid);

        assertThat(deadLetterReason(scriptLink.key()), containsString("endCustomerLink"));
        assertThat(deadLetterReason(fileLink.key()), containsString("endCustomerLink"));
        assertThat(deadLetterReason(hugeLink.key()), containsString("endCustomerLink"));
        assertThat(deadLetterReason(markupCode.key()), containsString("sessionCode"));
        await().atMost(CompanyPortalNotificationTest.EVENTUALLY).until(() -> TestEvents.processed(valid));
        given().get("/api/devices/{deviceId}/notifications", deviceId).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].sessionCode", equalTo("s30-000-005"));
    }

    @Test
    void anEndOfUnknownStatusOrReasonOrNamingAnotherDeviceIsDeadLetteredAndTheNotificationStaysActionable() {
        UUID deviceId = UUID.randomUUID();
        UUID sessionId = UUID.randomUUID();
        TestEvents.publishBinary(kafka, TestEvents.event(EventType.SESSION_ACKNOWLEDGED,
                TestEvents.acknowledged(sessionId, deviceId, "s31-000-001")));
        CompanyPortalNotificationTest.awaitNotifications(deviceId, 1);

        // one key, one partition: they are dead-lettered in this order
        for (SessionEnded refused : List.of(
                new SessionEnded(sessionId, deviceId, "PAUSED", "COMPLETED", Instant.now()),
                new SessionEnded(sessionId, deviceId, "ENDED", "BORED", Instant.now()),
                new SessionEnded(sessionId, UUID.randomUUID(), "ENDED", "COMPLETED", Instant.now()))) {
            TestEvents.publishBinary(kafka, TestEvents.event(EventType.SESSION_ENDED, refused));
        }
        List<String> reasons = deadLetterReasons(sessionId.toString(), 3);
        assertThat(reasons.get(0), containsString("status"));
        assertThat(reasons.get(1), containsString("reason"));
        assertThat(reasons.get(2), containsString("deviceId"));
        given().get("/api/devices/{deviceId}/notifications", deviceId).then().statusCode(200)
                .body("items[0].actionable", equalTo(true));

        TestEvents.publishBinary(kafka, TestEvents.event(EventType.SESSION_ENDED,
                TestEvents.ended(sessionId, deviceId, "COMPLETED")));
        await().atMost(CompanyPortalNotificationTest.EVENTUALLY).untilAsserted(() -> given()
                .get("/api/devices/{deviceId}/notifications", deviceId).then().statusCode(200)
                .body("items[0].actionable", equalTo(false)));
    }

    @Test
    void aDeviceSnapshotWhosePlatformCannotBeAPlatformNameIsDeadLettered() {
        UUID deviceId = UUID.randomUUID();
        CloudEvent<DeviceSnapshot> prose = TestEvents.event(EventType.DEVICE_REGISTERED,
                TestEvents.device(deviceId, "WINDOWS'); DROP TABLE known_device; --", Instant.now()));
        TestEvents.publishBinary(kafka, prose);

        assertThat(deadLetterReason(deviceId.toString()), containsString("platform"));
        assertFalse(TestEvents.processed(prose), "nothing of it was stored");
    }

    private static SessionAcknowledged acknowledged(UUID deviceId, String code, String endCustomerLink) {
        return new SessionAcknowledged(UUID.randomUUID(), deviceId, "teamviewer", code,
                "https://start.teamviewer.example/supporter", endCustomerLink, Instant.now().plus(1, ChronoUnit.HOURS));
    }

    private List<String> deadLetterReasons(String key, int count) {
        List<ConsumerRecord<String, String>> found = KafkaTestClient.await(kafka, Topics.DEAD_LETTER,
                r -> key.equals(r.key()), count, CompanyPortalNotificationTest.EVENTUALLY);
        assertEquals(count, found.size(), "dead-lettered records with key " + key);
        return found.stream().map(r -> String.valueOf(KafkaTestClient.header(r, "dead-letter-reason"))).toList();
    }

    private String deadLetterReason(String key) {
        List<ConsumerRecord<String, String>> found = KafkaTestClient.await(kafka, Topics.DEAD_LETTER, r -> key.equals(r.key()), 1,
                CompanyPortalNotificationTest.EVENTUALLY);
        assertEquals(1, found.size(), "dead-lettered record with key " + key);
        ConsumerRecord<String, String> record = found.get(0);
        return String.valueOf(KafkaTestClient.header(record, "dead-letter-reason"));
    }
}
