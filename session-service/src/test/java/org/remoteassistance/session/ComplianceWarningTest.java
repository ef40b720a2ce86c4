package org.remoteassistance.session;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
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

/**
 * A device device-service reports as not compliant takes a session only when the requester says they know
 * ({@code acknowledgeNonCompliant}): otherwise a 409 saying so, or, for another publisher's request, a rejection;
 * either way on the audit trail.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class ComplianceWarningTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    KnownDevices devices;

    TestEvents events;

    @BeforeEach
    void connect() {
        events = new TestEvents(kafka);
    }

    @Test
    void aRequestForANonCompliantDeviceNeedsTheRequestersAcknowledgement() {
        UUID deviceId = nonCompliantDevice();

        given().contentType(ContentType.JSON).body(Map.of("deviceId", deviceId.toString())).post("/api/sessions")
                .then().statusCode(409).contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Device not compliant"))
                .body("detail", containsString("acknowledgeNonCompliant"))
                .body("deviceId", equalTo(deviceId.toString()));
        given().queryParam("deviceId", deviceId.toString()).get("/api/audit").then()
                .body("items[0].action", equalTo("REQUESTED")).body("items[0].outcome", equalTo("REFUSED"))
                .body("items[0].detail", containsString("compliance policies"));

        String id = given().contentType(ContentType.JSON)
                .body(Map.of("deviceId", deviceId.toString(), "acknowledgeNonCompliant", true)).post("/api/sessions")
                .then().statusCode(202).body("nonCompliantAcknowledged", equalTo(true)).extract().path("id");
        assertEquals(Boolean.TRUE, events.awaitOne(EventType.SESSION_REQUESTED, id).acknowledgeNonCompliant(),
                "the connector reaches the same verdict from it");
        given().get("/api/sessions/" + id + "/audit").then()
                .body("items[0].detail", startsWith("The device does not meet its compliance policies; the "
                        + "requester acknowledged it and went ahead."));
    }

    @Test
    void anotherPublishersRequestForANonCompliantDeviceIsRejectedUnlessAcknowledged() {
        UUID deviceId = nonCompliantDevice();
        UUID refused = UUID.randomUUID();
        events.publish(EventType.SESSION_REQUESTED, new SessionRequested(refused, deviceId, "ticket-bot",
                Instant.now()));
        TestEvents.awaitStatus(refused.toString(), "REJECTED");
        given().get("/api/sessions/" + refused).then().body("rejectReason", equalTo("DEVICE_NONCOMPLIANT"));

        UUID acknowledged = UUID.randomUUID();
        events.publish(EventType.SESSION_REQUESTED, new SessionRequested(acknowledged, deviceId, "ticket-bot",
                Instant.now(), null, null, null, null, true));
        TestEvents.awaitStatus(acknowledged.toString(), "REQUESTED");
    }

    @Test
    void aCompliantOrUnknownDeviceNeedsNoAcknowledgement() {
        UUID deviceId = events.registeredDevice();
        TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId));
    }

    /** A device registered, then reported not compliant (DeviceUpdated), as this service's read model has it. */
    private UUID nonCompliantDevice() {
        UUID deviceId = events.registeredDevice();
        DeviceSnapshot registered = TestEvents.device(deviceId, false, Instant.now());
        events.publish(EventType.DEVICE_UPDATED, new DeviceSnapshot(deviceId, registered.name(), registered.platform(),
                registered.osVersion(), registered.serialNumber(), registered.primaryUser(), false,
                Instant.now().plusMillis(5), "NONCOMPLIANT"));
        await().atMost(TestEvents.WAIT).until(() -> devices.find(deviceId).map(KnownDevice::nonCompliant)
                .orElse(false));
        return deviceId;
    }
}
