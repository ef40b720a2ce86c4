package org.remoteassistance.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.HeaderConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.SessionRequested;
import org.remoteassistance.events.Topics;
import org.remoteassistance.testing.KafkaTestClient;

/** The seed's journeys, played against the four services running as processes on one broker and one database. */
class RemoteAssistanceJourneyIT {

    static final String SEED_TEXT =
            "Your IT administrator is requesting control of this device for a remote assistance session";
    static final String CODE = "s\\d{2}-\\d{3}-\\d{3}";
    static final Duration WAIT = Duration.ofSeconds(30);

    static RunningSystem system;

    @BeforeAll
    static void startSystem() {
        system = RunningSystem.get();
        // the admin console's calls carry an admin token; the device's calls carry that device's token
        RestAssured.config = RestAssured.config().headerConfig(
                HeaderConfig.headerConfig().overwriteHeadersWithName("Authorization", "Content-Type", "Accept"));
        RestAssured.requestSpecification = new RequestSpecBuilder()
                .addHeader("Authorization", "Bearer " + system.tokens().admin("e2e-admin")).build();
        connectConnector();
    }

    static String asDevice(String deviceId) {
        return "Bearer " + system.tokens().device(deviceId);
    }

    @Test
    void adminRequestsDeviceAllowsConnectionIsLostAndANewSessionGetsANewCode() {
        String deviceId = registerDevice("WINDOWS");

        // Part 1: the admin requests a session; the partner acknowledges it; the device is notified
        String sessionId = requestSession(deviceId);
        JsonPath session = awaitSession(sessionId, "ACKNOWLEDGED");
        String code = session.getString("sessionCode");
        assertTrue(code.matches(CODE), code);
        assertNotNull(session.getString("supporterLink"));
        assertNotNull(session.getString("endCustomerLink"));

        JsonPath notifications = awaitNotifications(deviceId, 1);
        assertEquals(SEED_TEXT, notifications.getString("items[0].message"));
        assertEquals(code, notifications.getString("items[0].sessionCode"));
        assertEquals(sessionId, notifications.getString("items[0].sessionId"));
        assertTrue(notifications.getBoolean("items[0].actionable"));
        assertEquals(1, notifications.getInt("unread"));
        await().atMost(WAIT).until(() -> get("session", "/api/sessions/" + sessionId).getString("notifiedAt") != null);

        JsonPath overview = awaitOverview(deviceId, "ACKNOWLEDGED");
        assertEquals(sessionId, overview.getString("remoteAssistance.sessionId"));
        assertTrue(overview.getBoolean("remoteAssistance.startAvailable"), "Start remote assistance is offered");

        // the admin starts: partner app link and code
        given().post(system.url("session") + "/api/sessions/" + sessionId + "/start").then().statusCode(200)
                .body("sessionCode", equalTo(code)).body("supporterLink", matchesPattern("https?://.+"));

        // Part 2: the device user allows
        given().header("Authorization", asDevice(deviceId)).contentType(ContentType.JSON).body(Map.of("allow", true))
                .post(system.url("session") + "/api/sessions/" + sessionId + "/device-response")
                .then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
        awaitOverview(deviceId, "IN_PROGRESS");

        // the connection is lost: the session ends and its code is dead
        given().contentType(ContentType.JSON).body(Map.of("reason", "CONNECTION_LOST"))
                .post(system.url("session") + "/api/sessions/" + sessionId + "/end")
                .then().statusCode(200).body("status", equalTo("ENDED")).body("endReason", equalTo("CONNECTION_LOST"));
        given().post(system.url("session") + "/api/sessions/" + sessionId + "/start").then().statusCode(409)
                .contentType("application/problem+json");
        await().atMost(WAIT).until(() -> !notificationsOf(deviceId).getBoolean("items[0].actionable"));
        JsonPath ended = awaitOverview(deviceId, "ENDED");
        assertFalse(ended.getBoolean("remoteAssistance.startAvailable"));

        // a new session: a new code and a new notification
        String second = requestSession(deviceId);
        assertNotEquals(sessionId, second);
        String secondCode = awaitSession(second, "ACKNOWLEDGED").getString("sessionCode");
        assertNotEquals(code, secondCode);
        JsonPath both = awaitNotifications(deviceId, 2);
        assertEquals(second, both.getString("items[0].sessionId"), "newest first");
        assertEquals(secondCode, both.getString("items[0].sessionCode"));
        assertTrue(both.getBoolean("items[0].actionable"));
        assertFalse(both.getBoolean("items[1].actionable"));
    }

    /**
     * What the admin sets travels with the session: the ticket and the reason on the session and its audit trail, the
     * reason in the device's notification (the admin chose so), the time limit counted from the start; and a resend
     * of the unanswered notification replaces it with the same code.
     */
    @Test
    void theReasonTheTicketTheResendAndTheTimeLimitTravelWithTheSession() {
        String deviceId = registerDevice("WINDOWS");
        awaitKnownEverywhere(deviceId);
        String sessionId = given().contentType(ContentType.JSON).body(Map.of("deviceId", deviceId,
                        "reason", "Printer driver update", "ticketId", "INC0042", "showReasonToUser", true,
                        "maxDurationMinutes", 30))
                .post(system.url("session") + "/api/sessions").then().statusCode(202).extract().path("id");

        JsonPath session = awaitSession(sessionId, "ACKNOWLEDGED");
        assertEquals("Printer driver update", session.getString("reason"));
        assertEquals("INC0042", session.getString("ticketId"));
        assertEquals(30, session.getInt("maxDurationMinutes"));
        JsonPath notifications = awaitNotifications(deviceId, 1);
        assertEquals(SEED_TEXT, notifications.getString("items[0].message"));
        assertEquals("Printer driver update", notifications.getString("items[0].reason"));
        assertEquals("Ticket INC0042. Reason (shown to the device user): Printer driver update.",
                get("session", "/api/sessions/" + sessionId + "/audit").getString("items[0].detail"));

        // the device user has not answered: the admin resends; the device still has one notification, a new one
        String firstNotification = notifications.getString("items[0].id");
        given().post(system.url("session") + "/api/sessions/" + sessionId + "/resend-notification").then()
                .statusCode(202).body("notificationResends", equalTo(1));
        await().atMost(WAIT).until(() -> !firstNotification.equals(notificationsOf(deviceId).getString("items[0].id")));
        JsonPath resent = notificationsOf(deviceId);
        assertEquals(1, resent.getList("items").size());
        assertEquals(1, resent.getInt("unread"));
        assertEquals(session.getString("sessionCode"), resent.getString("items[0].sessionCode"), "the same code");
        assertEquals("Printer driver update", resent.getString("items[0].reason"));

        given().post(system.url("session") + "/api/sessions/" + sessionId + "/start").then().statusCode(200);
        JsonPath started = given().header("Authorization", asDevice(deviceId)).contentType(ContentType.JSON)
                .body(Map.of("allow", true))
                .post(system.url("session") + "/api/sessions/" + sessionId + "/device-response")
                .then().statusCode(200).body("status", equalTo("IN_PROGRESS")).extract().jsonPath();
        assertEquals(Instant.parse(started.getString("startedAt")).plus(Duration.ofMinutes(30)),
                Instant.parse(started.getString("timeLimitAt")));

        // the admins' report has it by its ticket, in JSON and CSV
        JsonPath report = given().queryParam("ticketId", "INC0042").queryParam("deviceId", deviceId)
                .get(system.url("session") + "/api/reports/sessions").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(sessionId), report.getList("items.id"));
        assertEquals("OPEN", report.getString("items[0].outcome"));
        assertEquals(1, report.getInt("items[0].notificationResends"));
        String csv = given().accept("text/csv").queryParam("ticketId", "INC0042").queryParam("deviceId", deviceId)
                .get(system.url("session") + "/api/reports/sessions").then().statusCode(200).extract().asString();
        assertTrue(csv.split("\r\n")[1].startsWith(sessionId + "," + deviceId + ",IN_PROGRESS,OPEN,"), csv);
    }

    /**
     * An admin marks a device not compliant in device-service; session-service then refuses a request for it unless
     * the admin acknowledges that, and the connector, judging the same snapshot, gives the acknowledged one its code.
     */
    @Test
    void aNonCompliantDeviceTakesASessionOnlyWhenTheAdminAcknowledgesIt() {
        String deviceId = registerDevice("WINDOWS");
        awaitKnownEverywhere(deviceId);
        given().contentType(ContentType.JSON).body(Map.of("state", "NONCOMPLIANT"))
                .put(system.url("device") + "/api/devices/" + deviceId + "/compliance").then().statusCode(200)
                .body("compliance", equalTo("NONCOMPLIANT"));
        ConsumerRecord<String, String> updated = KafkaTestClient.await(system.kafka(), Topics.DEVICES,
                r -> deviceId.equals(r.key()) && "DeviceUpdated".equals(
                        KafkaTestClient.header(r, CloudEventCodec.HEADER_TYPE)), 1, WAIT).get(0);
        Consumers.awaitPast(system.kafka(), List.of(new RecordMetadata(new TopicPartition(updated.topic(),
                updated.partition()), updated.offset(), 0, updated.timestamp(), -1, -1)), WAIT);

        given().contentType(ContentType.JSON).body(Map.of("deviceId", deviceId))
                .post(system.url("session") + "/api/sessions").then().statusCode(409)
                .body("title", equalTo("Device not compliant"));
        String sessionId = given().contentType(ContentType.JSON)
                .body(Map.of("deviceId", deviceId, "acknowledgeNonCompliant", true))
                .post(system.url("session") + "/api/sessions").then().statusCode(202).extract().path("id");
        awaitSession(sessionId, "ACKNOWLEDGED");
    }

    /**
     * A help desk limited to one scope sees and acts on only the devices tagged with it, in every service; a request
     * another system publishes on its behalf for a device outside it gets no session and no code either.
     */
    @Test
    void aScopedHelpDeskSeesAndActsOnlyWithinItsScopes() {
        String emea = "emea-" + UUID.randomUUID().toString().substring(0, 8);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String inside = registerTaggedDevice("Laptop " + tag, List.of(emea));
        String outside = registerTaggedDevice("Kiosk " + tag, List.of("apac"));
        awaitKnownEverywhere(inside);
        awaitKnownEverywhere(outside);
        String desk = "Bearer " + system.tokens().helpdesk("emea-desk@example.com", List.of(emea));

        assertEquals(List.of(inside), given().header("Authorization", desk).queryParam("search", tag)
                .get(system.url("device") + "/api/devices").then().statusCode(200).extract().jsonPath()
                .getList("items.id"));
        given().header("Authorization", desk).get(system.url("device") + "/api/devices/" + outside).then()
                .statusCode(404);
        given().header("Authorization", desk).contentType(ContentType.JSON).body(Map.of("deviceId", outside))
                .post(system.url("session") + "/api/sessions").then().statusCode(404);
        String theirs = requestSession(outside);
        awaitSession(theirs, "ACKNOWLEDGED");
        given().header("Authorization", desk).get(system.url("session") + "/api/sessions/" + theirs).then()
                .statusCode(404);
        given().header("Authorization", desk)
                .get(system.url("notification") + "/api/devices/" + outside + "/notifications").then()
                .statusCode(404);

        String mine = given().header("Authorization", desk).contentType(ContentType.JSON)
                .body(Map.of("deviceId", inside)).post(system.url("session") + "/api/sessions").then()
                .statusCode(202).extract().path("id");
        awaitSession(mine, "ACKNOWLEDGED");
        given().header("Authorization", desk).post(system.url("session") + "/api/sessions/" + mine + "/start")
                .then().statusCode(200).body("sessionCode", matchesPattern(CODE));
        given().header("Authorization", desk)
                .get(system.url("notification") + "/api/devices/" + inside + "/notifications").then()
                .statusCode(200).body("unread", equalTo(1));
        given().header("Authorization", desk).contentType(ContentType.JSON).body(Map.of("reason", "CANCELLED"))
                .post(system.url("session") + "/api/sessions/" + theirs + "/end").then().statusCode(404);
        given().header("Authorization", desk).contentType(ContentType.JSON).body(Map.of("reason", "CANCELLED"))
                .post(system.url("session") + "/api/sessions/" + mine + "/end").then().statusCode(200);

        // the help desk's portal publishes a request in its name for the device outside: every consumer refuses it
        given().contentType(ContentType.JSON).body(Map.of("reason", "COMPLETED"))
                .post(system.url("session") + "/api/sessions/" + theirs + "/end").then().statusCode(200);
        UUID sideways = UUID.randomUUID();
        RecordMetadata published = publish(new CloudEvent<>(UUID.randomUUID().toString(),
                EventType.SESSION_REQUESTED, "/helpdesk-portal", Instant.now(), CloudEventCodec.SCHEMA_VERSION,
                new SessionRequested(sideways, UUID.fromString(outside), "emea-desk@example.com", Instant.now(),
                        null, null, null, null, null, List.of(emea))));
        assertEquals("DEVICE_OUT_OF_SCOPE", awaitSession(sideways.toString(), "REJECTED").getString("rejectReason"));
        Consumers.awaitPast(system.kafka(), List.of(published), WAIT);
        assertEquals("DEVICE_OUT_OF_SCOPE", KafkaTestClient.await(system.kafka(), Topics.SESSION_REJECTED,
                r -> sideways.toString().equals(r.key()), 1, WAIT).stream().findFirst()
                .map(r -> CloudEventCodec.decode(EventType.SESSION_REJECTED, r.headers(), r.value()).data()
                        .reason()).orElse(null), "the connector issued no code for it");
        assertEquals(1, notificationsOf(outside).getList("items").size(), "the device was notified once, by the "
                + "admin's session only");
    }

    @Test
    void sessionRequestedByAnotherServiceOverKafkaStartsASessionOnceEvenWhenDeliveredTwice() {
        String deviceId = registerDevice("ANDROID");
        awaitKnownEverywhere(deviceId);
        UUID sessionId = UUID.randomUUID();
        CloudEvent<SessionRequested> event = new CloudEvent<>(UUID.randomUUID().toString(),
                EventType.SESSION_REQUESTED, "/helpdesk-portal", Instant.now(), CloudEventCodec.SCHEMA_VERSION,
                new SessionRequested(sessionId, UUID.fromString(deviceId), "helpdesk-portal", Instant.now()));

        List<RecordMetadata> published = List.of(publish(event), publish(event));

        JsonPath session = awaitSession(sessionId.toString(), "ACKNOWLEDGED");
        assertEquals(deviceId, session.getString("deviceId"));
        awaitNotifications(deviceId, 1);
        // every consumer has judged both deliveries: a duplicate would have shown by now
        Consumers.awaitPast(system.kafka(), published, WAIT);
        assertEquals(1, given().queryParam("deviceId", deviceId).get(system.url("session") + "/api/sessions")
                .then().statusCode(200).extract().jsonPath().getInt("total"));
        assertEquals(1, notificationsOf(deviceId).getList("items").size());
    }

    @Test
    void malformedEventGoesToTheDeadLetterTopicAndTheNextSessionStillFlows() {
        String marker = "malformed-" + UUID.randomUUID();
        KafkaTestClient.publish(system.kafka(), Topics.SESSION_REQUESTED, marker, "{this is not json",
                Map.of(CloudEventCodec.HEADER_ID, marker, CloudEventCodec.HEADER_TYPE, "SessionRequested"));

        List<String> reasons = KafkaTestClient.await(system.kafka(), Topics.DEAD_LETTER,
                record -> marker.equals(record.key()), 1, WAIT).stream()
                .map(record -> KafkaTestClient.header(record, "dead-letter-reason")).toList();
        assertFalse(reasons.isEmpty(), "the malformed event is dead-lettered");
        assertTrue(reasons.stream().allMatch(reason -> reason != null && !reason.isBlank()), "with a reason");

        String deviceId = registerDevice("IOS");
        awaitSession(requestSession(deviceId), "ACKNOWLEDGED");
        awaitNotifications(deviceId, 1);
    }

    @Test
    void requestsWhileTheConnectorIsDisconnectedAreRejectedWithAReason() {
        String deviceId = registerDevice("MACOS");
        awaitKnownEverywhere(deviceId);
        given().delete(system.url("connector") + "/api/connectors/teamviewer").then().statusCode(204);
        try {
            given().get(system.url("connector") + "/api/connectors/teamviewer").then().statusCode(200)
                    .body("status", equalTo("DISCONNECTED"));
            String sessionId = requestSession(deviceId);
            JsonPath rejected = awaitSession(sessionId, "REJECTED");
            assertEquals("CONNECTOR_NOT_CONNECTED", rejected.getString("rejectReason"));
            assertTrue(rejected.getString("rejectDetail").toLowerCase().contains("not connected"),
                    rejected.getString("rejectDetail"));
            awaitOverview(deviceId, "REJECTED");
            assertTrue(notificationsOf(deviceId).getList("items").isEmpty(), "no notification for a rejected session");
        } finally {
            connectConnector();
        }
    }

    // --- the calls a client makes

    @Test
    void aRequestTargetThatIsNotAUriIsAProblemInEveryPackagedService() throws IOException {
        // the check Quarkus makes before any route is turned off by the services' own main (ServiceMain)
        for (String service : RunningSystem.SERVICES) {
            URI base = URI.create(system.url(service));
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                socket.getOutputStream().write(("GET /api/x%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close"
                        + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                String answer = new String(socket.getInputStream().readAllBytes(),
                        StandardCharsets.ISO_8859_1);
                assertTrue(answer.startsWith("HTTP/1.1 400"), service + ": " + answer);
                assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"),
                        service + ": " + answer);
            }
        }
    }

    static void connectConnector() {
        given().contentType(ContentType.JSON).body(Map.of("apiToken", "teamviewer-simulator-token"))
                .put(system.url("connector") + "/api/connectors/teamviewer").then().statusCode(200)
                .body("status", equalTo("CONNECTED"));
    }

    static String registerDevice(String platform) {
        String serial = "SN-" + UUID.randomUUID().toString().substring(0, 8);
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", "Laptop " + serial, "platform", platform, "osVersion", "1.0",
                        "serialNumber", serial, "primaryUser", "ana@example.com"))
                .post(system.url("device") + "/api/devices").then().statusCode(201).extract().path("id");
    }

    static String registerTaggedDevice(String name, List<String> scopeTags) {
        String serial = "SN-" + UUID.randomUUID().toString().substring(0, 8);
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "platform", "WINDOWS", "serialNumber", serial, "scopeTags", scopeTags))
                .post(system.url("device") + "/api/devices").then().statusCode(201).extract().path("id");
    }

    /** The session service learns of devices from events; a request right after registering may still say 404. */
    static String requestSession(String deviceId) {
        String[] id = new String[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            var response = given().contentType(ContentType.JSON).body(Map.of("deviceId", deviceId))
                    .post(system.url("session") + "/api/sessions").then().extract();
            if (response.statusCode() == 202) {
                id[0] = response.path("id");
                assertEquals("REQUESTED", response.path("status"));
                return true;
            }
            assertEquals(404, response.statusCode(), response.body().asString());
            return false;
        });
        return id[0];
    }

    /** Session-, connector- and notification-service all have the device: a request for it flows. */
    static void awaitKnownEverywhere(String deviceId) {
        new Api(system).awaitKnownEverywhere(deviceId, WAIT);
    }

    static JsonPath awaitSession(String sessionId, String status) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            var response = given().get(system.url("session") + "/api/sessions/" + sessionId).then().extract();
            if (response.statusCode() != 200) {
                return false;
            }
            last[0] = response.jsonPath();
            return status.equals(last[0].getString("status"));
        });
        return last[0];
    }

    static JsonPath awaitOverview(String deviceId, String status) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = get("device", "/api/devices/" + deviceId);
            return status.equals(last[0].getString("remoteAssistance.status"));
        });
        return last[0];
    }

    static JsonPath awaitNotifications(String deviceId, int count) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = notificationsOf(deviceId);
            return last[0].getList("items").size() >= count;
        });
        assertEquals(count, last[0].getList("items").size());
        return last[0];
    }

    /** What the device's Company Portal shows, read with the device's own token. */
    static JsonPath notificationsOf(String deviceId) {
        return given().header("Authorization", asDevice(deviceId))
                .get(system.url("notification") + "/api/devices/" + deviceId + "/notifications")
                .then().statusCode(200).extract().jsonPath();
    }

    static JsonPath get(String service, String path) {
        return given().get(system.url(service) + path).then().statusCode(200).extract().jsonPath();
    }

    static RecordMetadata publish(CloudEvent<?> event) {
        return KafkaTestClient.publish(system.kafka(), event.type().topic(), event.key(), CloudEventCodec.dataJson(event.data()),
                CloudEventCodec.binaryHeaders(event));
    }

}
