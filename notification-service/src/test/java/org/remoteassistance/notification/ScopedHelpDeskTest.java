package org.remoteassistance.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.DeviceSnapshot;
import org.remoteassistance.events.EventType;
import org.remoteassistance.support.devices.KnownDevice;
import org.remoteassistance.support.devices.KnownDevices;
import org.remoteassistance.testing.ServiceTestResource;
import org.remoteassistance.testing.ServiceTestResource.TestTokens;

/**
 * A help desk whose token carries scope tags reads, marks read and listens to the notifications of devices with one of
 * its tags only (as device-service's snapshots give them); another device answers 404, as one that does not exist.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class ScopedHelpDeskTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @TestHTTPResource("/")
    URL base;

    @Inject
    KnownDevices devices;

    @Test
    void aScopedHelpDeskReachesOnlyTheNotificationsOfDevicesWithinItsScopes() throws Exception {
        String emea = "emea-" + UUID.randomUUID().toString().substring(0, 8);
        String desk = TestTokens.helpdesk("emea-desk@example.com", emea);
        UUID inside = notifiedDevice(List.of(emea));
        UUID outside = notifiedDevice(List.of("apac"));
        String outsideNotification = CompanyPortalNotificationTest.awaitNotifications(outside, 1).extract()
                .path("items[0].id");

        given().header("Authorization", desk).get("/api/devices/{id}/notifications", outside).then()
                .statusCode(404).contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("No device " + outside + "."));
        given().header("Authorization", desk).post("/api/notifications/{id}/read", outsideNotification).then()
                .statusCode(404).body("detail", equalTo("No notification " + outsideNotification + "."));
        assertEquals(404, stream(outside, desk));
        given().get("/api/devices/{id}/notifications", outside).then().body("unread", equalTo(1));

        String insideNotification = given().header("Authorization", desk)
                .get("/api/devices/{id}/notifications", inside).then().statusCode(200).body("unread", equalTo(1))
                .extract().path("items[0].id");
        assertEquals(200, stream(inside, desk));
        given().header("Authorization", desk).post("/api/notifications/{id}/read", insideNotification).then()
                .statusCode(204);
        // a help desk without scopes reaches every device, as before
        given().header("Authorization", TestTokens.helpdesk("desk@example.com"))
                .get("/api/devices/{id}/notifications", outside).then().statusCode(200);
    }

    /** A device registered with these scope tags and notified of a session, as this service has them. */
    private UUID notifiedDevice(List<String> scopeTags) {
        UUID deviceId = UUID.randomUUID();
        DeviceSnapshot device = TestEvents.device(deviceId, "WINDOWS", Instant.now());
        TestEvents.publishBinary(kafka, TestEvents.event(EventType.DEVICE_REGISTERED, new DeviceSnapshot(deviceId,
                device.name(), device.platform(), device.osVersion(), device.serialNumber(), device.primaryUser(),
                false, device.changedAt(), null, scopeTags)));
        await().atMost(Duration.ofSeconds(60)).until(() -> devices.find(deviceId).map(KnownDevice::scopeTags)
                .filter(scopeTags::equals).isPresent());
        TestEvents.publishBinary(kafka, TestEvents.event(EventType.SESSION_ACKNOWLEDGED,
                TestEvents.acknowledged(UUID.randomUUID(), deviceId, "s77-000-001")));
        CompanyPortalNotificationTest.awaitNotifications(deviceId, 1);
        return deviceId;
    }

    /** Opens the device's notification stream and closes it again: the answer's status. */
    private int stream(UUID deviceId, String authorization) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/devices/" + deviceId
                        + "/notifications/stream"))
                .header("Accept", "text/event-stream").header("Authorization", authorization)
                .timeout(Duration.ofSeconds(20)).build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }
}
