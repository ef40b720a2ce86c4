package org.remoteassistance.device.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.remoteassistance.device.DeviceTestResource;
import org.remoteassistance.device.TestDevices;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.DeviceComplianceChanged;
import org.remoteassistance.events.DeviceSnapshot;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.SessionRequested;
import org.remoteassistance.events.Topics;
import org.remoteassistance.testing.KafkaTestClient;
import org.remoteassistance.testing.ServiceTestResource.TestTokens;

/**
 * Each device's compliance state: set by an admin through the API or reported by another system's
 * {@code DeviceComplianceChanged}, shown on the device, and published as {@code DeviceUpdated} for the services that
 * admit session requests.
 */
@QuarkusTest
@QuarkusTestResource(DeviceTestResource.class)
class DeviceComplianceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void anAdminSetsTheStateAndItIsPublishedAsDeviceUpdated() {
        UUID id = TestDevices.register();
        assertEquals("UNKNOWN", TestDevices.get(id).getString("compliance"));

        given().contentType(ContentType.JSON).body(Map.of("state", "NONCOMPLIANT"))
                .put("/api/devices/{id}/compliance", id).then().statusCode(200)
                .body("compliance", equalTo("NONCOMPLIANT"));
        assertEquals("NONCOMPLIANT", TestDevices.get(id).getString("compliance"));
        DeviceSnapshot updated = awaitUpdate(id, 1);
        assertEquals("NONCOMPLIANT", updated.compliance());
        assertEquals(false, updated.retired());

        // the same state again is no news
        given().contentType(ContentType.JSON).body(Map.of("state", "NONCOMPLIANT"))
                .put("/api/devices/{id}/compliance", id).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("state", "COMPLIANT"))
                .put("/api/devices/{id}/compliance", id).then().statusCode(200);
        assertEquals("COMPLIANT", awaitUpdate(id, 2).compliance(), "one DeviceUpdated per change");
    }

    /** A device with a session: the answer shows its overview too. */
    @Test
    void aDeviceWithASessionIsAnsweredWithItsOverview() {
        UUID id = TestDevices.register();
        UUID session = UUID.randomUUID();
        CloudEvent<SessionRequested> requested = new CloudEvent<>(UUID.randomUUID().toString(),
                EventType.SESSION_REQUESTED, "/overview-test", Instant.now(), CloudEventCodec.SCHEMA_VERSION,
                new SessionRequested(session, id, "admin", Instant.now()));
        KafkaTestClient.publish(kafka, Topics.SESSION_REQUESTED, requested.key(),
                CloudEventCodec.dataJson(requested.data()), CloudEventCodec.binaryHeaders(requested));
        await().atMost(PATIENCE).until(() -> "REQUESTED".equals(TestDevices.get(id)
                .getString("remoteAssistance.status")));

        given().contentType(ContentType.JSON).body(Map.of("state", "NONCOMPLIANT"))
                .put("/api/devices/{id}/compliance", id).then().statusCode(200)
                .body("compliance", equalTo("NONCOMPLIANT"))
                .body("remoteAssistance.status", equalTo("REQUESTED"));
        given().contentType(ContentType.JSON).body(Map.of("scopeTags", List.of("emea")))
                .put("/api/devices/{id}/scope-tags", id).then().statusCode(200)
                .body("remoteAssistance.sessionId", equalTo(session.toString()));
    }

    @Test
    void anotherSystemsReportIsTakenUnlessItIsOlderThanTheLast() {
        UUID id = TestDevices.register();
        Instant now = Instant.now();
        publish(new DeviceComplianceChanged(id, "NONCOMPLIANT", now, "Disk not encrypted"));
        await().atMost(PATIENCE).until(() -> "NONCOMPLIANT".equals(TestDevices.get(id).getString("compliance")));
        assertEquals("NONCOMPLIANT", awaitUpdate(id, 1).compliance());

        // a report dated before the last changes nothing; a later one does
        publish(new DeviceComplianceChanged(id, "COMPLIANT", now.minusSeconds(60), null));
        publish(new DeviceComplianceChanged(id, "UNKNOWN", now.plusSeconds(1), null));
        await().atMost(PATIENCE).until(() -> "UNKNOWN".equals(TestDevices.get(id).getString("compliance")));
        assertEquals(List.of("NONCOMPLIANT", "UNKNOWN"), KafkaTestClient.await(kafka, Topics.DEVICES,
                r -> id.toString().equals(r.key()) && "DeviceUpdated".equals(
                        KafkaTestClient.header(r, CloudEventCodec.HEADER_TYPE)), 2, PATIENCE).stream()
                .map(r -> CloudEventCodec.decode(EventType.DEVICE_UPDATED, r.headers(), r.value()).data().compliance())
                .toList());
    }

    @Test
    void aReportOfADeviceThisInventoryDoesNotHaveIsDeadLettered() {
        UUID stranger = UUID.randomUUID();
        publish(new DeviceComplianceChanged(stranger, "COMPLIANT", Instant.now(), null));
        ConsumerRecord<String, String> dead = KafkaTestClient.await(kafka, Topics.DEAD_LETTER,
                r -> stranger.toString().equals(r.key()), 1, PATIENCE).get(0);
        assertEquals(true, KafkaTestClient.header(dead, "dead-letter-reason").contains("is not a device of this"));
    }

    @Test
    void onlyAdminsSetItAndTheStateIsOneOfThree() {
        UUID id = TestDevices.register();
        given().header("Authorization", TestTokens.helpdesk("hal@example.com")).contentType(ContentType.JSON)
                .body(Map.of("state", "COMPLIANT")).put("/api/devices/{id}/compliance", id).then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("state", "GREEN"))
                .put("/api/devices/{id}/compliance", id).then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("detail", startsWith("state"));
        given().contentType(ContentType.JSON).body(Map.of()).put("/api/devices/{id}/compliance", id).then()
                .statusCode(400).body("detail", startsWith("state"));
        given().contentType(ContentType.JSON).body(Map.of("state", "COMPLIANT"))
                .put("/api/devices/{id}/compliance", UUID.randomUUID()).then().statusCode(404);
    }

    private DeviceSnapshot awaitUpdate(UUID id, int count) {
        List<ConsumerRecord<String, String>> updates = KafkaTestClient.await(kafka, Topics.DEVICES,
                r -> id.toString().equals(r.key())
                        && "DeviceUpdated".equals(KafkaTestClient.header(r, CloudEventCodec.HEADER_TYPE)),
                count, PATIENCE);
        assertEquals(count, updates.size());
        ConsumerRecord<String, String> last = updates.get(count - 1);
        return CloudEventCodec.decode(EventType.DEVICE_UPDATED, last.headers(), last.value()).data();
    }

    private void publish(DeviceComplianceChanged changed) {
        CloudEvent<DeviceComplianceChanged> event = new CloudEvent<>(UUID.randomUUID().toString(),
                EventType.DEVICE_COMPLIANCE_CHANGED, "/overview-test", Instant.now(), CloudEventCodec.SCHEMA_VERSION,
                changed);
        KafkaTestClient.publish(kafka, Topics.DEVICE_COMPLIANCE, event.key(), CloudEventCodec.dataJson(changed),
                CloudEventCodec.binaryHeaders(event));
    }
}
