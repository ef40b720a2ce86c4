package org.remoteassistance.session;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.SessionAcknowledged;
import org.remoteassistance.events.SessionRequested;
import org.remoteassistance.events.Topics;
import org.remoteassistance.support.devices.KnownDevices;
import org.remoteassistance.testing.Barriers;
import org.remoteassistance.testing.KafkaTestClient;
import org.remoteassistance.testing.ServiceTestResource;

/** Other services are first-class publishers: their SessionRequested starts a session as the API does. */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class ExternalSessionRequestTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    EntityManager entityManager;

    @Inject
    KnownDevices devices;

    @Inject
    DataSource dataSource;

    TestEvents events;

    @BeforeEach
    void connect() {
        events = new TestEvents(kafka);
    }

    @Test
    void sessionRequestedByAnotherPublisherCreatesTheSession() {
        UUID deviceId = knownDevice();
        UUID sessionId = UUID.randomUUID();
        Instant requestedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        events.publish(EventType.SESSION_REQUESTED, new SessionRequested(sessionId, deviceId, "helpdesk-bot",
                requestedAt));

        awaitSession(sessionId);
        given().get("/api/sessions/" + sessionId).then()
                .body("status", equalTo("REQUESTED"))
                .body("deviceId", equalTo(deviceId.toString()))
                .body("requestedBy", equalTo("helpdesk-bot"))
                .body("requestedAt", equalTo(requestedAt.toString()))
                .body("maxDurationMinutes", equalTo(480));
        // it is open like any other: the API refuses a second one for the device, naming it
        given().contentType(ContentType.JSON).body(Map.of("deviceId", deviceId.toString())).post("/api/sessions")
                .then().statusCode(409).body("sessionId", equalTo(sessionId.toString()));
        // and its lifecycle goes on as usual
        events.acknowledge(sessionId.toString(), deviceId);
    }

    @Test
    void itsOwnRequestIsNotAppliedAgainButOneInItsNameIsCheckedLikeAnyOther() {
        UUID deviceId = knownDevice();
        String sessionId = given().contentType(ContentType.JSON).body(Map.of("deviceId", deviceId.toString()))
                .post("/api/sessions").then().statusCode(202).extract().path("id");
        ConsumerRecord<String, String> own = KafkaTestClient.await(kafka, Topics.SESSION_REQUESTED,
                r -> r.value() != null && r.value().contains(sessionId), 1, TestEvents.WAIT).get(0);
        // an event with the same key follows it through the same partition: once that one is applied, the own one
        // was consumed before it
        String later = publishWithKey(own.key(), new SessionRequested(UUID.fromString(sessionId), deviceId,
                "helpdesk-bot", Instant.now()), "/test-publisher");
        Barriers.awaitProcessed(dataSource, later);
        assertEquals(0, inboxRows(KafkaTestClient.header(own, CloudEventCodec.HEADER_ID)),
                "applied when it was written: no transaction, no inbox row");

        // in session-service's name, for a session the API never made: the ids the relay sent decide, not the source
        UUID forged = UUID.randomUUID();
        publishWithKey(forged.toString(), new SessionRequested(forged, knownDevice(), "intruder",
                Instant.now()), "/session-service");
        awaitSession(forged);
    }

    @Test
    void anAcknowledgementThatOvertakesItsRequestWaitsForIt() throws InterruptedException {
        UUID deviceId = knownDevice();
        UUID sessionId = UUID.randomUUID();
        SessionAcknowledged acknowledgement = TestEvents.acknowledgement(sessionId.toString(), deviceId);

        // the connector answered another publisher's request before this service consumed it (other topic)
        String acknowledgementId = events.publish(EventType.SESSION_ACKNOWLEDGED, acknowledgement).id();
        Thread.sleep(1_000);
        events.publish(EventType.SESSION_REQUESTED, new SessionRequested(sessionId, deviceId, "helpdesk-bot",
                Instant.now()));

        await().atMost(TestEvents.WAIT).until(() -> "ACKNOWLEDGED".equals(
                given().get("/api/sessions/" + sessionId).then().extract().path("status")));
        given().get("/api/sessions/" + sessionId).then().body("sessionCode", equalTo(acknowledgement.sessionCode()));
        TestEvents.awaitProcessed(acknowledgementId);
        assertTrue(events.nothingOn(Topics.DEAD_LETTER, sessionId.toString()), "the acknowledgement was not set aside");
    }

    @Test
    void structuredModeIsAcceptedToo() {
        UUID deviceId = knownDevice();
        UUID sessionId = UUID.randomUUID();
        CloudEvent<SessionRequested> event = new CloudEvent<>(UUID.randomUUID().toString(),
                EventType.SESSION_REQUESTED, "/other-console", Instant.now(), CloudEventCodec.SCHEMA_VERSION,
                new SessionRequested(sessionId, deviceId, "console", Instant.now()));

        events.publishRaw(Topics.SESSION_REQUESTED, sessionId.toString(), CloudEventCodec.structured(event),
                Map.of("content-type", CloudEventCodec.STRUCTURED_CONTENT_TYPE));

        awaitSession(sessionId);
        given().get("/api/sessions/" + sessionId).then().body("status", equalTo("REQUESTED"));
    }

    @Test
    void theSameEventTwiceMakesOneSession() {
        UUID deviceId = knownDevice();
        UUID sessionId = UUID.randomUUID();
        CloudEvent<SessionRequested> event = events.publish(EventType.SESSION_REQUESTED,
                new SessionRequested(sessionId, deviceId, "helpdesk-bot", Instant.now()));
        events.publish(event);
        // republished under a new event id as well: still the same session
        events.publish(EventType.SESSION_REQUESTED, event.data());

        awaitSession(sessionId);
        // a marker published after the duplicates on the same partition: once it is applied, so are they
        UUID marker = UUID.randomUUID();
        publishWithKey(sessionId.toString(), new SessionRequested(marker, knownDevice(), "marker", Instant.now()));
        awaitSession(marker);

        given().queryParam("deviceId", deviceId.toString()).get("/api/sessions")
                .then().body("total", equalTo(1)).body("items[0].status", equalTo("REQUESTED"));
    }

    @Test
    void malformedEventIsDeadLetteredAndTheNextStillWorks() {
        String key = UUID.randomUUID().toString();
        events.publishRaw(Topics.SESSION_REQUESTED, key, "{not json", Map.of(
                CloudEventCodec.HEADER_SPEC_VERSION, "1.0", CloudEventCodec.HEADER_ID, UUID.randomUUID().toString(),
                CloudEventCodec.HEADER_TYPE, "SessionRequested", CloudEventCodec.HEADER_SOURCE, "/broken"));
        String missingDevice = "{\"sessionId\": \"" + UUID.randomUUID() + "\", \"requestedBy\": \"x\", "
                + "\"requestedAt\": \"2030-01-01T00:00:00Z\"}";
        String otherKey = UUID.randomUUID().toString();
        events.publishRaw(Topics.SESSION_REQUESTED, otherKey, missingDevice, Map.of(
                CloudEventCodec.HEADER_SPEC_VERSION, "1.0", CloudEventCodec.HEADER_ID, UUID.randomUUID().toString(),
                CloudEventCodec.HEADER_TYPE, "SessionRequested", CloudEventCodec.HEADER_SOURCE, "/broken"));

        ConsumerRecord<String, String> notJson = events.awaitDeadLetter(key).get(0);
        assertTrue(KafkaTestClient.header(notJson, "dead-letter-reason").contains("not JSON"));
        assertEquals("{not json", notJson.value(), "the record is kept as it was, for inspection");
        ConsumerRecord<String, String> invalid = events.awaitDeadLetter(otherKey).get(0);
        assertEquals("data.deviceId is missing", KafkaTestClient.header(invalid, "dead-letter-reason"));

        UUID deviceId = knownDevice();
        UUID sessionId = UUID.randomUUID();
        publishWithKey(key, new SessionRequested(sessionId, deviceId, "helpdesk-bot", Instant.now()));
        awaitSession(sessionId);
    }

    @Test
    void requestForAnUnknownDeviceIsRecordedAsRejected() {
        UUID sessionId = UUID.randomUUID();
        String requestId = events.publish(EventType.SESSION_REQUESTED, new SessionRequested(sessionId,
                UUID.randomUUID(), "helpdesk-bot", Instant.now())).id();

        awaitSession(sessionId);
        TestEvents.awaitProcessed(requestId);
        given().get("/api/sessions/" + sessionId).then()
                .body("status", equalTo("REJECTED"))
                .body("rejectReason", equalTo("DEVICE_UNKNOWN"));
        assertTrue(events.nothingOn(Topics.SESSION_REJECTED, sessionId.toString()),
                "a local rejection publishes nothing");
    }

    @Test
    void requestForADeviceWithAnOpenSessionIsRecordedAsRejected() {
        UUID deviceId = knownDevice();
        String open = TestEvents.sessionId(given().contentType(ContentType.JSON)
                .body(Map.of("deviceId", deviceId.toString())).post("/api/sessions").thenReturn());
        UUID sessionId = UUID.randomUUID();

        events.publish(EventType.SESSION_REQUESTED, new SessionRequested(sessionId, deviceId, "helpdesk-bot",
                Instant.now()));

        awaitSession(sessionId);
        given().get("/api/sessions/" + sessionId).then()
                .body("status", equalTo("REJECTED"))
                .body("rejectReason", equalTo("SESSION_ALREADY_OPEN"))
                .body("rejectDetail", containsString(open));
        given().get("/api/sessions/" + open).then().body("status", equalTo("REQUESTED"));
    }

    @Test
    void requestForARetiredDeviceIsRecordedAsRejected() {
        UUID deviceId = knownDevice();
        events.retire(deviceId);
        awaitKnown(deviceId, true);
        UUID sessionId = UUID.randomUUID();

        events.publish(EventType.SESSION_REQUESTED, new SessionRequested(sessionId, deviceId, "helpdesk-bot",
                Instant.now()));

        awaitSession(sessionId);
        given().get("/api/sessions/" + sessionId).then()
                .body("status", equalTo("REJECTED"))
                .body("rejectReason", equalTo("DEVICE_RETIRED"));
    }

    @Test
    void aRequestFromAnUnlistedPublisherIsDeadLetteredAndHasNoEffect() {
        UUID deviceId = knownDevice();
        UUID sessionId = UUID.randomUUID();
        CloudEvent<SessionRequested> event = new CloudEvent<>(UUID.randomUUID().toString(),
                EventType.SESSION_REQUESTED, "/itsm", Instant.now(), CloudEventCodec.SCHEMA_VERSION,
                new SessionRequested(sessionId, deviceId, "itsm-bot", Instant.now()));
        events.publish(event);

        ConsumerRecord<String, String> deadLetter = events.awaitDeadLetter(sessionId.toString()).get(0);
        assertEquals("source '/itsm' is not allowed to publish SessionRequested; allowed: /session-service,"
                + " /test-publisher, /other-console"
                + " (setting remote-assistance.events.allowed-sources.session-requested)",
                KafkaTestClient.header(deadLetter, "dead-letter-reason"));
        assertEquals(Topics.SESSION_REQUESTED, KafkaTestClient.header(deadLetter, "dead-letter-topic"));
        assertEquals(event.id(), KafkaTestClient.header(deadLetter, CloudEventCodec.HEADER_ID),
                "the original record's headers are kept, for a replay");

        // a request published after it on the same partition: once it is applied, the refused one was judged
        UUID marker = UUID.randomUUID();
        publishWithKey(sessionId.toString(), new SessionRequested(marker, knownDevice(), "marker", Instant.now()));
        awaitSession(marker);
        given().get("/api/sessions/" + sessionId).then().statusCode(404);
        given().queryParam("deviceId", deviceId.toString()).get("/api/sessions").then().body("total", equalTo(0));
        assertEquals(0, QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM processed_event WHERE event_id = :id")
                .setParameter("id", event.id()).getSingleResult()).intValue()),
                "not in the inbox: replayed after a fix, it is applied");
    }

    /** A device this service has learnt of from the devices topic, without a session yet. */
    @Test
    void anotherPublishersRequestSetsItsTimeLimit() {
        UUID deviceId = knownDevice();
        UUID sessionId = UUID.randomUUID();
        events.publish(EventType.SESSION_REQUESTED, new SessionRequested(sessionId, deviceId, "helpdesk-bot",
                Instant.now(), 15, null, null, null, null));
        awaitSession(sessionId);
        given().get("/api/sessions/" + sessionId).then().body("maxDurationMinutes", equalTo(15));
    }

    private UUID knownDevice() {
        UUID deviceId = events.registeredDevice();
        awaitKnown(deviceId, false);
        return deviceId;
    }

    private void awaitKnown(UUID deviceId, boolean retired) {
        await().atMost(TestEvents.WAIT).until(() -> devices.find(deviceId)
                .filter(device -> device.retired() == retired).isPresent());
    }

    private void publishWithKey(String key, SessionRequested data) {
        publishWithKey(key, data, "/test-publisher");
    }

    /** @return the event's id */
    private String publishWithKey(String key, SessionRequested data, String source) {
        CloudEvent<SessionRequested> event = new CloudEvent<>(UUID.randomUUID().toString(),
                EventType.SESSION_REQUESTED, source, Instant.now(), CloudEventCodec.SCHEMA_VERSION, data);
        events.publishRaw(Topics.SESSION_REQUESTED, key, CloudEventCodec.dataJson(data),
                CloudEventCodec.binaryHeaders(event));
        return event.id();
    }

    private int inboxRows(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM processed_event WHERE event_id = :id")
                .setParameter("id", eventId).getSingleResult()).intValue());
    }

    private static void awaitSession(UUID sessionId) {
        await().atMost(TestEvents.WAIT).until(
                () -> given().get("/api/sessions/" + sessionId).statusCode() == 200);
    }
}
