package org.remoteassistance.device.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.remoteassistance.device.DeviceTestResource;
import org.remoteassistance.device.TestDevices;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.DeviceSnapshot;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.Topics;
import org.remoteassistance.testing.Barriers;
import org.remoteassistance.testing.KafkaTestClient;

@QuarkusTest
@QuarkusTestResource(DeviceTestResource.class)
class DeviceResourceTest {

    @Inject
    DataSource dataSource;

    private static final String PROBLEM_JSON = "application/problem+json";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void registeredDeviceCanBeReadBack() {
        String tag = TestDevices.tag();
        String location = given().contentType(ContentType.JSON)
                .body(Map.of("name", "  Reception PC " + tag + " ", "platform", "WINDOWS", "osVersion", "11 23H2",
                        "serialNumber", "SN-" + tag, "primaryUser", "ana." + tag + "@example.com"))
                .when().post("/api/devices")
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("id", notNullValue())
                .body("name", equalTo("Reception PC " + tag))
                .body("retired", equalTo(false))
                .body("remoteAssistance.status", equalTo("NONE"))
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        assertTrue(location.endsWith("/api/devices/" + id), location);

        given().when().get(location)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("name", equalTo("Reception PC " + tag))
                .body("platform", equalTo("WINDOWS"))
                .body("osVersion", equalTo("11 23H2"))
                .body("serialNumber", equalTo("SN-" + tag))
                .body("primaryUser", equalTo("ana." + tag + "@example.com"))
                .body("registeredAt", notNullValue())
                .body("retired", equalTo(false))
                .body("retiredAt", nullValue())
                .body("remoteAssistance.status", equalTo("NONE"))
                .body("remoteAssistance.sessionId", nullValue())
                .body("remoteAssistance.startAvailable", equalTo(false));
    }

    @Test
    void registrationIsPublishedAsDeviceRegistered() {
        String tag = TestDevices.tag();
        UUID id = TestDevices.register("Tablet " + tag, "ANDROID", "SN-" + tag, "luis@example.com");

        ConsumerRecord<String, String> record = KafkaTestClient.await(kafka, Topics.DEVICES,
                r -> id.toString().equals(r.key()), 1, Duration.ofSeconds(30)).get(0);

        assertEquals("DeviceRegistered", KafkaTestClient.header(record, CloudEventCodec.HEADER_TYPE));
        assertEquals("/device-service", KafkaTestClient.header(record, CloudEventCodec.HEADER_SOURCE));
        DeviceSnapshot snapshot = CloudEventCodec.decode(EventType.DEVICE_REGISTERED, record.headers(),
                record.value()).data();
        assertEquals(id, snapshot.deviceId());
        assertEquals("Tablet " + tag, snapshot.name());
        assertEquals("ANDROID", snapshot.platform());
        assertEquals("SN-" + tag, snapshot.serialNumber());
        assertEquals("luis@example.com", snapshot.primaryUser());
        assertFalse(snapshot.retired());
    }

    @Test
    void searchMatchesNamePrimaryUserOrSerialNumberIgnoringCase() {
        String tag = TestDevices.tag();
        UUID byName = TestDevices.register("Laptop " + tag + "-Finance", "WINDOWS", "SN-A-" + UUID.randomUUID(),
                "someone@example.com");
        UUID byUser = TestDevices.register("Phone", "IOS", "SN-B-" + UUID.randomUUID(),
                "Maria." + tag + "@Example.com");
        UUID bySerial = TestDevices.register("Mac mini", "MACOS", "SER-" + tag.toUpperCase() + "-77",
                "other@example.com");
        TestDevices.register("Unrelated " + TestDevices.tag(), "LINUX", "SN-" + TestDevices.tag(), "x@example.com");

        search(Map.of("search", tag.toUpperCase()))
                .body("total", equalTo(3))
                .body("items.id", equalTo(List.of(byName.toString(), bySerial.toString(), byUser.toString())));
        search(Map.of("search", tag + "-fin")).body("total", equalTo(1)).body("items[0].id",
                equalTo(byName.toString()));
        search(Map.of("search", "maria." + tag)).body("total", equalTo(1)).body("items[0].id",
                equalTo(byUser.toString()));
        search(Map.of("search", tag + "-77")).body("total", equalTo(1)).body("items[0].id",
                equalTo(bySerial.toString()));
    }

    @Test
    void wildcardCharactersAreSearchedLiterally() {
        String tag = TestDevices.tag();
        UUID percent = TestDevices.register("Kiosk 100%" + tag, "WINDOWS", "SN-" + TestDevices.tag(), "k@example.com");
        TestDevices.register("Kiosk 1000" + tag, "WINDOWS", "SN-" + TestDevices.tag(), "k@example.com");

        search(Map.of("search", "100%" + tag)).body("total", equalTo(1))
                .body("items[0].id", equalTo(percent.toString()));
    }

    @Test
    void platformFilterAndPagesOfTheList() {
        String tag = TestDevices.tag();
        UUID a = TestDevices.register("A " + tag, "WINDOWS", "SN-1-" + tag, "u@example.com");
        UUID b = TestDevices.register("B " + tag, "LINUX", "SN-2-" + tag, "u@example.com");
        UUID c = TestDevices.register("C " + tag, "WINDOWS", "SN-3-" + tag, "u@example.com");

        search(Map.of("search", tag, "platform", "WINDOWS"))
                .body("total", equalTo(2))
                .body("items.id", equalTo(List.of(a.toString(), c.toString())))
                .body("items.platform", everyItem(equalTo("WINDOWS")));
        search(Map.of("search", tag, "size", "2"))
                .body("total", equalTo(3)).body("page", equalTo(0)).body("size", equalTo(2))
                .body("items.id", equalTo(List.of(a.toString(), b.toString())));
        search(Map.of("search", tag, "size", "2", "page", "1"))
                .body("total", equalTo(3))
                .body("items.id", equalTo(List.of(c.toString())));
        search(Map.of("search", tag, "size", "2", "page", "5"))
                .body("total", equalTo(3))
                .body("items", equalTo(List.of()));
        search(Map.of()).body("size", equalTo(20)).body("page", equalTo(0));
    }

    @Test
    void invalidRegistrationsAreRefusedAsProblems() {
        Map<String, Object> valid = Map.of("name", "Desk", "platform", "LINUX", "osVersion", "24.04",
                "serialNumber", "SN-" + TestDevices.tag(), "primaryUser", "p@example.com");

        refused(with(valid, "name", null)).body("detail", containsString("name"));
        refused(with(valid, "name", "   ")).body("detail", containsString("name"));
        refused(with(valid, "serialNumber", null)).body("detail", containsString("serialNumber"));
        refused(with(valid, "platform", null)).body("detail", containsString("platform"));
        refused(with(valid, "platform", "BEOS"))
                .body("detail", containsString("platform must be one of WINDOWS, MACOS, IOS, ANDROID, LINUX"));
        refused(with(valid, "name", "n".repeat(201))).body("detail", containsString("name"));
        refused(with(valid, "serialNumber", "s".repeat(201))).body("detail", containsString("serialNumber"));
        refused(with(valid, "primaryUser", "u".repeat(201))).body("detail", containsString("primaryUser"));
        refused(with(valid, "osVersion", "v".repeat(101))).body("detail", containsString("osVersion"));
        // single-line text only: a line break could forge a log line or break a console's layout
        refused(with(valid, "name", "Desk\n2025-05-14 INFO forged")).body("violations[0].field", equalTo("name"))
                .body("detail", containsString("name must not contain control"));
        // what the API takes must pass in the device's events, which every consumer holds to the contract's text
        refused(with(valid, "name", "Desk \u202Eexe.fdp")).body("detail", containsString("name"));
        refused(with(valid, "name", "Desk\u200B12")).body("detail", containsString("name"));
        refused(with(valid, "primaryUser", "<b>ana</b>")).body("detail", containsString("primaryUser"));
        refused(with(valid, "serialNumber", "SN\u0000")).body("detail", containsString("serialNumber"));
        refused(with(valid, "primaryUser", "p@example.com\r")).body("detail", containsString("primaryUser"));
        refused(with(valid, "osVersion", "24.04\u001b[31m")).body("detail", containsString("osVersion"));

        given().contentType(ContentType.JSON).body("{\"name\": ").when().post("/api/devices")
                .then().statusCode(400).contentType(PROBLEM_JSON);
        given().contentType(ContentType.JSON).when().post("/api/devices")
                .then().statusCode(400).contentType(PROBLEM_JSON);

        given().contentType(ContentType.JSON).body(with(valid, "name", "n".repeat(200))).when().post("/api/devices")
                .then().statusCode(201);
    }

    @Test
    void invalidListQueriesAreRefusedAsProblems() {
        badQuery("platform", "BEOS").body("detail", containsString("WINDOWS, MACOS, IOS, ANDROID, LINUX"));
        badQuery("page", "-1").body("detail", containsString("page"));
        badQuery("page", "first").body("detail", containsString("page"));
        badQuery("size", "0").body("detail", containsString("size"));
        badQuery("size", "101").body("detail", containsString("size"));
        badQuery("size", "ten").body("detail", containsString("size"));
        badQuery("includeRetired", "maybe").body("detail", containsString("includeRetired"));
        badQuery("search", "s".repeat(201)).body("detail", containsString("search must be at most 200"));
        badQuery("search", "a\nb").body("detail", containsString("control characters"));
        search(Map.of("size", "100")).body("size", equalTo(100));
        search(Map.of("search", "s".repeat(200))).body("total", equalTo(0));
    }

    @Test
    void unknownDevicesAreNotFound() {
        UUID unknown = UUID.randomUUID();
        given().when().get("/api/devices/{id}", unknown)
                .then().statusCode(404).contentType(PROBLEM_JSON)
                .body("status", equalTo(404)).body("detail", containsString(unknown.toString()));
        given().when().delete("/api/devices/{id}", unknown)
                .then().statusCode(404).contentType(PROBLEM_JSON);
        given().when().get("/api/devices/not-a-uuid")
                .then().statusCode(404).contentType(PROBLEM_JSON);
    }

    /** A line logged while a request about a device is served carries the device (and its request's trace). */
    @Test
    void aLineLoggedWhileRetiringADeviceCarriesTheDeviceAndTheTrace() {
        UUID id = TestDevices.register("Logged laptop " + TestDevices.tag(), "WINDOWS", "SN-" + TestDevices.tag(),
                "l@example.com");
        List<Map<String, String>> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record instanceof org.jboss.logmanager.ExtLogRecord line
                        && String.valueOf(line.getFormattedMessage()).contains("Retired device " + id)) {
                    Map<String, String> mdc = new HashMap<>();
                    mdc.put("deviceId", line.getMdc("deviceId"));
                    mdc.put("traceId", line.getMdc("traceId"));
                    lines.add(mdc);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = org.jboss.logmanager.LogContext.getLogContext().getLogger("");
        root.addHandler(capture);
        try {
            given().header("traceparent", "00-5f1b2c3d4e5f60718293a4b5c6d7e8f9-1a2b3c4d5e6f7081-01")
                    .when().delete("/api/devices/{id}", id).then().statusCode(204);
        } finally {
            root.removeHandler(capture);
        }
        assertEquals(List.of(Map.of("deviceId", id.toString(), "traceId", "5f1b2c3d4e5f60718293a4b5c6d7e8f9")), lines);
    }

    @Test
    void retiredDeviceLeavesTheDefaultListAndIsPublishedOnce() {
        String tag = TestDevices.tag();
        UUID id = TestDevices.register("Old laptop " + tag, "WINDOWS", "SN-" + tag, "r@example.com");

        given().when().delete("/api/devices/{id}", id).then().statusCode(204);

        given().when().get("/api/devices/{id}", id)
                .then().statusCode(200)
                .body("retired", equalTo(true))
                .body("retiredAt", notNullValue());
        search(Map.of("search", tag)).body("total", equalTo(0)).body("items.id", not(hasItem(id.toString())));
        search(Map.of("search", tag, "includeRetired", "true"))
                .body("total", equalTo(1)).body("items[0].retired", equalTo(true));

        List<ConsumerRecord<String, String>> retired = KafkaTestClient.await(kafka, Topics.DEVICES,
                r -> isDeviceRetired(r, id), 1, Duration.ofSeconds(30));
        assertEquals(1, retired.size());
        CloudEvent<DeviceSnapshot> event = CloudEventCodec.decode(EventType.DEVICE_RETIRED,
                retired.get(0).headers(), retired.get(0).value());
        assertTrue(event.data().retired());
        assertEquals(id, event.data().deviceId());
        assertNotNull(event.data().changedAt());

        // retiring again is fine and says nothing new
        given().when().delete("/api/devices/{id}", id).then().statusCode(204);
        Barriers.awaitOutboxDrained(dataSource);
        assertEquals(1, KafkaTestClient.readToEnd(kafka, Topics.DEVICES, r -> isDeviceRetired(r, id)).size());
    }

    private static boolean isDeviceRetired(ConsumerRecord<String, String> record, UUID id) {
        return id.toString().equals(record.key())
                && "DeviceRetired".equals(KafkaTestClient.header(record, CloudEventCodec.HEADER_TYPE));
    }

    private static ValidatableResponse search(Map<String, String> query) {
        return given().queryParams(query).when().get("/api/devices")
                .then().statusCode(200).contentType(ContentType.JSON);
    }

    private static ValidatableResponse badQuery(String name, String value) {
        return given().queryParam(name, value).when().get("/api/devices")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("status", equalTo(400));
    }

    private static ValidatableResponse refused(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/devices")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("status", equalTo(400)).body("title", notNullValue());
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(field, value);
        return copy;
    }
}
