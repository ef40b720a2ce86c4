package org.remoteassistance.connector;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remoteassistance.connector.partner.PartnerRefusedException;
import org.remoteassistance.connector.partner.PartnerSession;
import org.remoteassistance.connector.partner.PartnerSimulator;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.DeviceSnapshot;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.SessionEnded;
import org.remoteassistance.events.SessionRequested;
import org.remoteassistance.events.Topics;
import org.remoteassistance.testing.Barriers;
import org.remoteassistance.testing.KafkaTestClient;
import org.remoteassistance.testing.ServiceTestResource;

/**
 * Session requests reach the connector over Kafka from any publisher; it answers each with one partner session
 * ({@code SessionAcknowledged}) or a reason ({@code SessionRejected}), and closes the partner session when the session
 * ends. Runs against the partner simulator.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class SessionRequestsTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String TOKEN = ConnectorResourceTest.SIMULATOR_TOKEN;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    Database database;

    @Inject
    PartnerSimulator simulator;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void connected() {
        given().contentType(ContentType.JSON).body(Map.of("apiToken", TOKEN))
                .put(ConnectorResourceTest.PATH).then().statusCode(200);
    }

    @Test
    void aRequestIsAcknowledgedWithTheCodeAndLinksOfANewPartnerSession() {
        UUID device = registeredDevice();
        CloudEvent<SessionRequested> request = request(device);

        Events.publish(kafka, request);

        JsonNode ack = Events.data(onlyOne(Topics.SESSION_ACKNOWLEDGED, request));
        assertEquals(request.data().sessionId().toString(), ack.get("sessionId").asText());
        assertEquals(device.toString(), ack.get("deviceId").asText());
        assertEquals("teamviewer", ack.get("partner").asText());
        String code = ack.get("sessionCode").asText();
        assertTrue(code.matches("s\\d{2}-\\d{3}-\\d{3}"), code);
        assertTrue(ack.get("supporterLink").asText().startsWith("https://start.teamviewer.com/"));
        assertTrue(ack.get("endCustomerLink").asText().startsWith("https://get.teamviewer.com/s"));
        Instant validUntil = Instant.parse(ack.get("validUntil").asText());
        assertTrue(validUntil.isAfter(Instant.now().plus(Duration.ofHours(23))), "valid for a day: " + validUntil);

        PartnerSession atPartner = simulator.getSession(TOKEN, code);
        assertTrue(atPartner.isOpen());
        assertEquals(request.data().sessionId().toString(), atPartner.description(),
                "the partner session names the session it is for");
        Map<String, String> held = database.partnerSession(request.data().sessionId()).orElseThrow();
        assertEquals(code, held.get("code"));
        assertEquals("OPEN", held.get("state"));
        assertFalse(ack.has("reasonForUser"), "no reason was given to show");
    }

    /** The device user hears the reason only where the requester chose so: the connector passes it on then. */
    @Test
    void theReasonGoesOnToTheDeviceUserOnlyWhenTheRequesterSaysSo() {
        UUID shownDevice = registeredDevice();
        CloudEvent<SessionRequested> shown = Events.event(EventType.SESSION_REQUESTED, new SessionRequested(
                UUID.randomUUID(), shownDevice, "admin@example.com", Instant.now(), null, "VPN drops every hour",
                "INC42", true, null));
        UUID keptDevice = registeredDevice();
        CloudEvent<SessionRequested> kept = Events.event(EventType.SESSION_REQUESTED, new SessionRequested(
                UUID.randomUUID(), keptDevice, "admin@example.com", Instant.now(), null, "Suspected malware",
                "INC43", false, null));
        Events.publish(kafka, shown);
        Events.publish(kafka, kept);

        assertEquals("VPN drops every hour",
                Events.data(onlyOne(Topics.SESSION_ACKNOWLEDGED, shown)).get("reasonForUser").asText());
        assertFalse(Events.data(onlyOne(Topics.SESSION_ACKNOWLEDGED, kept)).has("reasonForUser"));
    }

    @Test
    void theAcknowledgementContinuesTheTraceOfTheRequest() {
        UUID device = registeredDevice();
        CloudEvent<SessionRequested> request = request(device);
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        Map<String, String> headers = new java.util.HashMap<>(CloudEventCodec.binaryHeaders(request));
        headers.put("traceparent", "00-" + trace + "-00f067aa0ba902b7-01");

        KafkaTestClient.publish(kafka, Topics.SESSION_REQUESTED, request.key(),
                CloudEventCodec.dataJson(request.data()), headers);

        String traceparent = KafkaTestClient.header(onlyOne(Topics.SESSION_ACKNOWLEDGED, request), "traceparent");
        assertTrue(traceparent != null && traceparent.matches("00-" + trace + "-[0-9a-f]{16}-0[01]"),
                "the request's trace, in a span of the connector's: " + traceparent);
        assertFalse(traceparent.contains("00f067aa0ba902b7"), traceparent);
    }

    @Test
    void aRedeliveredRequestMakesOnePartnerSessionAndOneAcknowledgement() {
        UUID device = registeredDevice();
        CloudEvent<SessionRequested> request = request(device);

        Events.publish(kafka, request);
        Events.publish(kafka, request);

        onlyOne(Topics.SESSION_ACKNOWLEDGED, request);
        assertEquals(1, Events.await(kafka, Topics.SESSION_ACKNOWLEDGED, request.data().sessionId(), 2,
                Duration.ofSeconds(5)).size(), "one SessionAcknowledged for two deliveries");
        assertEquals(1, simulator.list().stream()
                .filter(session -> request.data().sessionId().toString().equals(session.description())).count(),
                "one partner session for two deliveries");
    }

    @Test
    void theSameSessionRequestedAgainUnderANewEventIdMakesNoSecondPartnerSession() {
        UUID device = registeredDevice();
        CloudEvent<SessionRequested> request = request(device);
        Events.publish(kafka, request);
        onlyOne(Topics.SESSION_ACKNOWLEDGED, request);

        CloudEvent<SessionRequested> again = Events.event(EventType.SESSION_REQUESTED, request.data());
        Events.publish(kafka, again);

        Barriers.awaitHandled(dataSource, again.id());
        assertEquals(1, Events.published(kafka, Topics.SESSION_ACKNOWLEDGED, request.data().sessionId()).size());
        assertEquals(1, simulator.list().stream()
                .filter(session -> request.data().sessionId().toString().equals(session.description())).count());
    }

    @Test
    void aDisconnectedConnectorRejectsRequestsSayingSo() {
        UUID device = registeredDevice();
        given().when().delete(ConnectorResourceTest.PATH).then().statusCode(204);
        CloudEvent<SessionRequested> request = request(device);

        Events.publish(kafka, request);

        JsonNode rejected = Events.data(onlyOne(Topics.SESSION_REJECTED, request));
        assertEquals("CONNECTOR_NOT_CONNECTED", rejected.get("reason").asText());
        assertEquals("The TeamViewer connector is not connected", rejected.get("detail").asText());
        Barriers.awaitHandled(dataSource, request.id());
        assertTrue(Events.published(kafka, Topics.SESSION_ACKNOWLEDGED, request.data().sessionId()).isEmpty());
    }

    @Test
    void anUnknownDeviceIsRejected() {
        CloudEvent<SessionRequested> request = request(UUID.randomUUID());

        Events.publish(kafka, request);

        JsonNode rejected = Events.data(onlyOne(Topics.SESSION_REJECTED, request));
        assertEquals("DEVICE_UNKNOWN", rejected.get("reason").asText());
    }

    @Test
    void aRequestThatOvertakesItsDevicesRegistrationWaitsForItAndHoldsUpNoOtherRequest() {
        UUID known = registeredDevice();
        UUID arriving = UUID.randomUUID();
        CloudEvent<SessionRequested> waiting = request(arriving);
        CloudEvent<SessionRequested> other = request(known);

        // the devices topic and the requests topic are read independently: here the request comes first
        Events.publish(kafka, waiting);
        Events.publish(kafka, other);

        onlyOne(Topics.SESSION_ACKNOWLEDGED, other);
        assertTrue(Events.published(kafka, Topics.SESSION_ACKNOWLEDGED, waiting.data().sessionId()).isEmpty()
                && Events.published(kafka, Topics.SESSION_REJECTED, waiting.data().sessionId()).isEmpty(),
                "the request for the device not registered yet is still waiting, and held up no other");
        publishDevice(arriving, false);
        onlyOne(Topics.SESSION_ACKNOWLEDGED, waiting);
        Barriers.awaitHandled(dataSource, waiting.id());
        assertTrue(Events.published(kafka, Topics.SESSION_REJECTED, waiting.data().sessionId()).isEmpty(),
                "no rejection beside the acknowledgement");
    }

    @Test
    void aRetiredDeviceIsRejected() {
        UUID device = registeredDevice();
        publishDevice(device, true);
        Events.eventually("the device is known as retired", WAIT, () -> database.deviceKnown(device, true));
        CloudEvent<SessionRequested> request = request(device);

        Events.publish(kafka, request);

        assertEquals("DEVICE_RETIRED", Events.data(onlyOne(Topics.SESSION_REJECTED, request)).get("reason").asText());
    }

    @Test
    void aSecondSessionOnADeviceWithAnOpenPartnerSessionIsRejected() {
        UUID device = registeredDevice();
        CloudEvent<SessionRequested> first = request(device);
        Events.publish(kafka, first);
        onlyOne(Topics.SESSION_ACKNOWLEDGED, first);
        CloudEvent<SessionRequested> second = request(device);

        Events.publish(kafka, second);

        JsonNode rejected = Events.data(onlyOne(Topics.SESSION_REJECTED, second));
        assertEquals("SESSION_ALREADY_OPEN", rejected.get("reason").asText());
        assertTrue(rejected.get("detail").asText().contains(first.data().sessionId().toString()));
    }

    @Test
    void aNewRequestThatOvertakesThePreviousSessionsEndIsAcknowledgedOnceThatEndArrives() throws Exception {
        UUID device = registeredDevice();
        CloudEvent<SessionRequested> first = request(device);
        Events.publish(kafka, first);
        onlyOne(Topics.SESSION_ACKNOWLEDGED, first);
        CloudEvent<SessionRequested> next = request(device);

        // the session service ended the first session before it took the next request, but the two events travel
        // on different topics: here the request comes first and the end a moment later, within the grace
        Events.publish(kafka, next);
        Thread.sleep(1_000);
        Events.publish(kafka, Events.event(EventType.SESSION_ENDED,
                new SessionEnded(first.data().sessionId(), device, "ENDED", "CONNECTION_LOST", Instant.now())));

        onlyOne(Topics.SESSION_ACKNOWLEDGED, next);
        Barriers.awaitHandled(dataSource, next.id());
        assertTrue(Events.published(kafka, Topics.SESSION_REJECTED, next.data().sessionId()).isEmpty(),
                "no rejection beside the acknowledgement");
        Events.eventually("the first partner session is closed", WAIT,
                () -> "CLOSED".equals(database.partnerSession(first.data().sessionId()).orElseThrow().get("state")));
    }

    @Test
    void anEndedSessionClosesItsPartnerSessionAndTheCodeIsDead() {
        UUID device = registeredDevice();
        CloudEvent<SessionRequested> request = request(device);
        Events.publish(kafka, request);
        String code = Events.data(onlyOne(Topics.SESSION_ACKNOWLEDGED, request)).get("sessionCode").asText();
        UUID sessionId = request.data().sessionId();

        // whatever the reason (the others are in the tests above): here the session's time limit
        CloudEvent<SessionEnded> ended = Events.event(EventType.SESSION_ENDED,
                new SessionEnded(sessionId, device, "ENDED", "TIME_LIMIT", Instant.now()));
        Events.publish(kafka, ended);
        Events.publish(kafka, ended);

        Events.eventually("the partner session is closed", WAIT,
                () -> "CLOSED".equals(database.partnerSession(sessionId).orElseThrow().get("state")));
        assertTrue(database.partnerSession(sessionId).orElseThrow().get("closed_at") != null);
        assertFalse(simulator.getSession(TOKEN, code).isOpen());
        assertThrows(PartnerRefusedException.class, () -> simulator.closeSession(TOKEN, code),
                "a closed code is refused from then on");

        // the device may have a new session now, with a new code
        CloudEvent<SessionRequested> next = request(device);
        Events.publish(kafka, next);
        String nextCode = Events.data(onlyOne(Topics.SESSION_ACKNOWLEDGED, next)).get("sessionCode").asText();
        assertFalse(code.equals(nextCode));
    }

    @Test
    void aRequestArrivingAfterItsSessionEndedOpensNoPartnerSession() {
        UUID device = registeredDevice();
        CloudEvent<SessionRequested> request = request(device);
        UUID sessionId = request.data().sessionId();
        Events.publish(kafka, Events.event(EventType.SESSION_ENDED,
                new SessionEnded(sessionId, device, "EXPIRED", "EXPIRED", Instant.now())));
        Events.eventually("the end is recorded", WAIT, () -> database.partnerSession(sessionId).isPresent());

        Events.publish(kafka, request);

        Barriers.awaitHandled(dataSource, request.id());
        assertTrue(Events.published(kafka, Topics.SESSION_ACKNOWLEDGED, sessionId).isEmpty());
        assertTrue(simulator.list().stream().noneMatch(s -> sessionId.toString().equals(s.description())));
    }

    @Test
    void aMalformedRequestIsDeadLetteredAndTheNextOneIsStillServed() {
        UUID device = registeredDevice();
        UUID broken = UUID.randomUUID();
        CloudEvent<SessionRequested> template = request(device);
        Map<String, String> headers = new java.util.HashMap<>(
                org.remoteassistance.events.CloudEventCodec.binaryHeaders(template));
        KafkaTestClient.publish(kafka, Topics.SESSION_REQUESTED, broken.toString(),
                "{\"sessionId\":\"" + broken + "\"}", headers);
        CloudEvent<SessionRequested> request = request(device);

        Events.publish(kafka, request);

        ConsumerRecord<String, String> dead = Events.await(kafka, Topics.DEAD_LETTER, broken, 1, WAIT).get(0);
        assertTrue(KafkaTestClient.header(dead, "dead-letter-reason").contains("deviceId"));
        onlyOne(Topics.SESSION_ACKNOWLEDGED, request);
    }

    private ConsumerRecord<String, String> onlyOne(String topic, CloudEvent<SessionRequested> request) {
        List<ConsumerRecord<String, String>> records = Events.await(kafka, topic, request.data().sessionId(), 1,
                WAIT);
        assertEquals(1, records.size(), "expected an event on " + topic + " for " + request.data().sessionId());
        return records.get(0);
    }

    /** The rule session-service applies too: a non-compliant device gets a code only for an acknowledged request. */
    @Test
    void aNonCompliantDeviceGetsAPartnerSessionOnlyWhenTheRequestAcknowledgesIt() {
        UUID device = registeredDevice();
        DeviceSnapshot updated = new DeviceSnapshot(device, "LAPTOP-" + device.toString().substring(0, 8), "WINDOWS",
                "11", "SN-" + device, "user@example.com", false, Instant.now().plusMillis(5), "NONCOMPLIANT");
        Events.publish(kafka, Events.event(EventType.DEVICE_UPDATED, updated));
        Events.eventually("the connector knows it is not compliant", WAIT,
                () -> database.deviceCompliance(device).filter("NONCOMPLIANT"::equals).isPresent());

        rejectedWithoutCode(request(device), "DEVICE_NONCOMPLIANT");

        CloudEvent<SessionRequested> acknowledged = Events.event(EventType.SESSION_REQUESTED, new SessionRequested(
                UUID.randomUUID(), device, "admin@example.com", Instant.now(), null, null, null, null, true));
        Events.publish(kafka, acknowledged);
        onlyOne(Topics.SESSION_ACKNOWLEDGED, acknowledged);
    }

    /** The rule session-service applies too: a scoped help desk's request gets a code only for a device in scope. */
    @Test
    void aRequestNamingTheRequestersScopeGetsAPartnerSessionOnlyForADeviceWithinIt() {
        UUID device = UUID.randomUUID();
        DeviceSnapshot tagged = new DeviceSnapshot(device, "LAPTOP-" + device.toString().substring(0, 8), "WINDOWS",
                "11", "SN-" + device, "user@example.com", false, Instant.now(), null, List.of("emea", "hq"));
        Events.publish(kafka, Events.event(EventType.DEVICE_REGISTERED, tagged));
        Events.eventually("the connector knows the device", WAIT, () -> database.deviceKnown(device, false));

        rejectedWithoutCode(scopedRequest(device, List.of("apac")), "DEVICE_OUT_OF_SCOPE");

        CloudEvent<SessionRequested> inside = scopedRequest(device, List.of("apac", "hq"));
        Events.publish(kafka, inside);
        onlyOne(Topics.SESSION_ACKNOWLEDGED, inside);
    }

    /** Published, the request is rejected for this reason, and no partner session (so no code) exists for it. */
    private void rejectedWithoutCode(CloudEvent<SessionRequested> request, String reason) {
        Events.publish(kafka, request);
        JsonNode rejected = Events.data(onlyOne(Topics.SESSION_REJECTED, request));
        assertEquals(reason, rejected.get("reason").asText());
        assertTrue(database.partnerSession(request.data().sessionId()).isEmpty()
                || database.partnerSession(request.data().sessionId()).get().get("code") == null,
                "no partner session, no code");
    }

    private static CloudEvent<SessionRequested> scopedRequest(UUID device, List<String> scopeTags) {
        return Events.event(EventType.SESSION_REQUESTED, new SessionRequested(UUID.randomUUID(), device,
                "desk@example.com", Instant.now(), null, null, null, null, null, scopeTags));
    }

    private UUID registeredDevice() {
        UUID device = UUID.randomUUID();
        publishDevice(device, false);
        Events.eventually("the connector knows the device", WAIT, () -> database.deviceKnown(device, false));
        return device;
    }

    private void publishDevice(UUID device, boolean retired) {
        DeviceSnapshot snapshot = new DeviceSnapshot(device, "LAPTOP-" + device.toString().substring(0, 8),
                "WINDOWS", "11", "SN-" + device, "user@example.com", retired, Instant.now());
        Events.publish(kafka, Events.event(retired ? EventType.DEVICE_RETIRED : EventType.DEVICE_REGISTERED,
                snapshot));
    }

    private static CloudEvent<SessionRequested> request(UUID device) {
        return Events.event(EventType.SESSION_REQUESTED,
                new SessionRequested(UUID.randomUUID(), device, "admin@example.com", Instant.now()));
    }
}
