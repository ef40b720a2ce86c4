package org.remoteassistance.device.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.remoteassistance.device.DeviceTestResource;
import org.remoteassistance.device.TestDevices;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.EventData;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.NotificationIssued;
import org.remoteassistance.events.SessionAcknowledged;
import org.remoteassistance.events.SessionEnded;
import org.remoteassistance.events.SessionRejected;
import org.remoteassistance.events.SessionRequested;
import org.remoteassistance.events.SessionStarted;
import org.remoteassistance.events.Topics;
import org.remoteassistance.testing.KafkaTestClient;

/** Session events published as other services publish them move the device overview, and never backwards. */
@QuarkusTest
@QuarkusTestResource(DeviceTestResource.class)
class RemoteAssistanceOverviewTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void overviewFollowsASessionFromRequestToEnd() {
        UUID device = TestDevices.register();
        UUID session = UUID.randomUUID();
        assertEquals("NONE", overview(device).getString("status"));

        publish(EventType.SESSION_REQUESTED, requested(session, device, Instant.now()));
        JsonPath requested = awaitStatus(device, "REQUESTED");
        assertEquals(session.toString(), requested.getString("sessionId"));
        assertFalse(requested.getBoolean("startAvailable"));

        publish(EventType.SESSION_ACKNOWLEDGED, acknowledged(session, device));
        assertTrue(awaitStatus(device, "ACKNOWLEDGED").getBoolean("startAvailable"));

        publish(EventType.NOTIFICATION_ISSUED, new NotificationIssued(UUID.randomUUID(), session, device,
                "COMPANY_PORTAL", "Your IT administrator is requesting control of this device", Instant.now()));
        await().atMost(PATIENCE).until(() -> overview(device).getString("notifiedAt") != null);
        assertEquals("ACKNOWLEDGED", overview(device).getString("status"));

        publish(EventType.SESSION_STARTED, new SessionStarted(session, device, Instant.now()));
        assertTrue(awaitStatus(device, "IN_PROGRESS").getBoolean("startAvailable"));

        publish(EventType.SESSION_ENDED, new SessionEnded(session, device, "ENDED", "COMPLETED", Instant.now()));
        JsonPath ended = awaitStatus(device, "ENDED");
        assertFalse(ended.getBoolean("startAvailable"));
        assertEquals("COMPLETED", ended.getString("reason"));
        assertEquals(session.toString(), ended.getString("sessionId"));
    }

    @Test
    void redeliveredEventChangesNothing() {
        UUID device = TestDevices.register();
        UUID session = UUID.randomUUID();
        publish(EventType.SESSION_REQUESTED, requested(session, device, Instant.now()));
        CloudEvent<SessionAcknowledged> acknowledgement = publish(EventType.SESSION_ACKNOWLEDGED,
                acknowledged(session, device));
        awaitStatus(device, "ACKNOWLEDGED");
        // the request travels on another topic and may be recorded after the acknowledgement: wait for it too
        awaitProcessedBehind(EventType.SESSION_REQUESTED, session);
        JsonPath before = overview(device);

        republish(acknowledgement);
        awaitProcessedBehind(EventType.SESSION_ACKNOWLEDGED, session);

        JsonPath after = overview(device);
        assertEquals(before.getString("status"), after.getString("status"));
        assertEquals(before.getString("sessionId"), after.getString("sessionId"));
        assertEquals(before.getString("updatedAt"), after.getString("updatedAt"));
    }

    @Test
    void lateAcknowledgementDoesNotReopenAnEndedSession() {
        UUID device = TestDevices.register();
        UUID session = UUID.randomUUID();
        publish(EventType.SESSION_REQUESTED, requested(session, device, Instant.now()));
        publish(EventType.SESSION_ACKNOWLEDGED, acknowledged(session, device));
        awaitStatus(device, "ACKNOWLEDGED");
        publish(EventType.SESSION_ENDED,
                new SessionEnded(session, device, "ENDED", "CONNECTION_LOST", Instant.now()));
        awaitStatus(device, "ENDED");

        publish(EventType.SESSION_ACKNOWLEDGED, acknowledged(session, device));
        publish(EventType.SESSION_STARTED, new SessionStarted(session, device, Instant.now()));
        awaitProcessedBehind(EventType.SESSION_ACKNOWLEDGED, session);
        awaitProcessedBehind(EventType.SESSION_STARTED, session);

        JsonPath overview = overview(device);
        assertEquals("ENDED", overview.getString("status"));
        assertEquals("CONNECTION_LOST", overview.getString("reason"));
        assertFalse(overview.getBoolean("startAvailable"));
    }

    @Test
    void eventsArrivingBeforeTheRequestAreKept() {
        UUID device = TestDevices.register();
        UUID session = UUID.randomUUID();
        Instant requestedAt = Instant.now().minusSeconds(5);

        publish(EventType.SESSION_ACKNOWLEDGED, acknowledged(session, device));
        JsonPath acknowledged = awaitStatus(device, "ACKNOWLEDGED");
        assertEquals(session.toString(), acknowledged.getString("sessionId"));

        // its request, read later from another topic, does not move it back
        publish(EventType.SESSION_REQUESTED, requested(session, device, requestedAt));
        awaitProcessedBehind(EventType.SESSION_REQUESTED, session);
        assertEquals("ACKNOWLEDGED", overview(device).getString("status"));
    }

    @Test
    void newerSessionReplacesTheOverviewAndOlderSessionsAreIgnored() {
        UUID device = TestDevices.register();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID older = UUID.randomUUID();
        Instant now = Instant.now();

        publish(EventType.SESSION_REQUESTED, requested(first, device, now.minus(10, ChronoUnit.MINUTES)));
        publish(EventType.SESSION_ENDED, new SessionEnded(first, device, "EXPIRED", "EXPIRED",
                now.minus(5, ChronoUnit.MINUTES)));
        awaitStatus(device, "EXPIRED");

        publish(EventType.SESSION_REQUESTED, requested(second, device, now));
        assertEquals(second.toString(), awaitStatus(device, "REQUESTED").getString("sessionId"));

        // late news of older sessions
        publish(EventType.SESSION_STARTED, new SessionStarted(first, device, now.minus(6, ChronoUnit.MINUTES)));
        publish(EventType.SESSION_REQUESTED, requested(older, device, now.minus(1, ChronoUnit.HOURS)));
        awaitProcessedBehind(EventType.SESSION_STARTED, first);
        awaitProcessedBehind(EventType.SESSION_REQUESTED, older);

        JsonPath overview = overview(device);
        assertEquals(second.toString(), overview.getString("sessionId"));
        assertEquals("REQUESTED", overview.getString("status"));
    }

    @Test
    void requestRefusedBecauseAnotherSessionIsOpenDoesNotHideTheOpenOne() {
        UUID device = TestDevices.register();
        UUID open = UUID.randomUUID();
        UUID duplicate = UUID.randomUUID();
        publish(EventType.SESSION_REQUESTED, requested(open, device, Instant.now().minusSeconds(60)));
        publish(EventType.SESSION_ACKNOWLEDGED, acknowledged(open, device));
        awaitStatus(device, "ACKNOWLEDGED");

        publish(EventType.SESSION_REQUESTED, requested(duplicate, device, Instant.now()));
        publish(EventType.SESSION_REJECTED, new SessionRejected(duplicate, device, "SESSION_ALREADY_OPEN",
                "session " + open + " is open on this device", Instant.now()));
        awaitProcessedBehind(EventType.SESSION_REQUESTED, duplicate);
        awaitProcessedBehind(EventType.SESSION_REJECTED, duplicate);

        JsonPath overview = overview(device);
        assertEquals(open.toString(), overview.getString("sessionId"));
        assertEquals("ACKNOWLEDGED", overview.getString("status"));
        assertTrue(overview.getBoolean("startAvailable"));
    }

    @Test
    void rejectedSessionIsShownWithItsReason() {
        UUID device = TestDevices.register();
        UUID session = UUID.randomUUID();
        publish(EventType.SESSION_REQUESTED, requested(session, device, Instant.now()));
        publish(EventType.SESSION_REJECTED, new SessionRejected(session, device, "CONNECTOR_NOT_CONNECTED",
                "the TeamViewer connector is not connected", Instant.now()));

        JsonPath rejected = awaitStatus(device, "REJECTED");
        assertEquals("CONNECTOR_NOT_CONNECTED", rejected.getString("reason"));
        assertFalse(rejected.getBoolean("startAvailable"));
    }

    @Test
    void eventForAnUnknownDeviceIsDeadLettered() {
        UUID unknown = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        publish(EventType.SESSION_REQUESTED, requested(session, unknown, Instant.now()));

        ConsumerRecord<String, String> dead = awaitDeadLetter(session.toString());
        assertEquals("unknown device " + unknown, KafkaTestClient.header(dead, "dead-letter-reason"));
        assertEquals(Topics.SESSION_REQUESTED, KafkaTestClient.header(dead, "dead-letter-topic"));
    }

    @Test
    void anEventNamingAnotherDevicesSessionIsDeadLetteredAndChangesNeitherDevice() {
        UUID owner = TestDevices.register();
        UUID other = TestDevices.register();
        UUID session = UUID.randomUUID();
        publish(EventType.SESSION_REQUESTED, requested(session, owner, Instant.now()));
        awaitStatus(owner, "REQUESTED");

        publish(EventType.SESSION_ACKNOWLEDGED, acknowledged(session, other));

        assertEquals("session " + session + " belongs to device " + owner + ", not " + other,
                KafkaTestClient.header(awaitDeadLetter(session.toString()), "dead-letter-reason"));
        assertEquals("REQUESTED", overview(owner).getString("status"));
        assertEquals("NONE", overview(other).getString("status"));
    }

    @Test
    void anEventPolledWithOthersThatCannotBeAppliedIsDeadLetteredAloneAndTheOthersAreApplied() {
        List<UUID> devices = new ArrayList<>();
        List<UUID> sessions = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        UUID unknownDevice = UUID.randomUUID();
        UUID refused = UUID.randomUUID();
        for (int i = 0; i < 12; i++) {
            if (i == 6) {
                records.add(record(event(EventType.SESSION_REQUESTED, requested(refused, unknownDevice,
                        Instant.now())), 2));
            }
            devices.add(TestDevices.register());
            sessions.add(UUID.randomUUID());
            records.add(record(event(EventType.SESSION_REQUESTED, requested(sessions.get(i), devices.get(i),
                    Instant.now())), i % 4));
        }
        // one producer, four partitions: the consumer polls them together and applies each partition's in one
        // transaction, the partitions side by side
        KafkaTestClient.publishAll(kafka, records);

        for (int i = 0; i < devices.size(); i++) {
            assertEquals(sessions.get(i).toString(), awaitStatus(devices.get(i), "REQUESTED").getString("sessionId"));
        }
        assertEquals("unknown device " + unknownDevice,
                KafkaTestClient.header(awaitDeadLetter(refused.toString()), "dead-letter-reason"));
        // dead letters of the same poll are sent before its records are acknowledged: any would be there by now
        List<String> keys = sessions.stream().map(UUID::toString).toList();
        assertEquals(List.of(), KafkaTestClient.await(kafka, Topics.DEAD_LETTER, r -> keys.contains(r.key()), 1,
                Duration.ofSeconds(1)).stream().map(ConsumerRecord::key).toList());
    }

    private static ProducerRecord<String, String> record(CloudEvent<?> event, int partition) {
        ProducerRecord<String, String> record = new ProducerRecord<>(event.type().topic(), partition, event.key(),
                CloudEventCodec.dataJson(event.data()));
        CloudEventCodec.binaryHeaders(event).forEach((name, value) -> record.headers().add(name,
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return record;
    }

    @Test
    void malformedEventIsDeadLetteredAndTheNextOneIsStillApplied() {
        UUID device = TestDevices.register();
        UUID session = UUID.randomUUID();
        CloudEvent<SessionAcknowledged> valid = event(EventType.SESSION_ACKNOWLEDGED, acknowledged(session, device));

        // same key, so the same partition: the valid event waits behind the broken one
        KafkaTestClient.publish(kafka, Topics.SESSION_ACKNOWLEDGED, session.toString(), "this is not JSON",
                CloudEventCodec.binaryHeaders(event(EventType.SESSION_ACKNOWLEDGED, acknowledged(session, device))));
        KafkaTestClient.publish(kafka, Topics.SESSION_ACKNOWLEDGED, session.toString(),
                CloudEventCodec.dataJson(valid.data()), CloudEventCodec.binaryHeaders(valid));

        ConsumerRecord<String, String> dead = awaitDeadLetter(session.toString());
        assertEquals("this is not JSON", dead.value());
        String reason = KafkaTestClient.header(dead, "dead-letter-reason");
        assertNotNull(reason);
        assertTrue(reason.contains("not JSON"), reason);
        assertEquals(session.toString(), awaitStatus(device, "ACKNOWLEDGED").getString("sessionId"));
    }

    @Test
    void sessionEndedWithAnUnknownStatusIsDeadLettered() {
        UUID device = TestDevices.register();
        UUID session = UUID.randomUUID();
        publish(EventType.SESSION_ENDED, new SessionEnded(session, device, "PAUSED", "COMPLETED", Instant.now()));

        ConsumerRecord<String, String> dead = awaitDeadLetter(session.toString());
        assertTrue(KafkaTestClient.header(dead, "dead-letter-reason").contains("PAUSED"));
        assertEquals("NONE", overview(device).getString("status"));
        assertNull(overview(device).getString("sessionId"));
    }

    @Test
    void rejectionOrEndWithAnUnknownReasonIsDeadLettered() {
        UUID device = TestDevices.register();
        UUID rejected = UUID.randomUUID();
        UUID ended = UUID.randomUUID();
        publish(EventType.SESSION_REJECTED, new SessionRejected(rejected, device, "<script>alert(1)</script>",
                "made up", Instant.now()));
        publish(EventType.SESSION_ENDED, new SessionEnded(ended, device, "ENDED", "BORED", Instant.now()));

        assertTrue(KafkaTestClient.header(awaitDeadLetter(rejected.toString()), "dead-letter-reason")
                .startsWith("data.reason must be one of CONNECTOR_NOT_CONNECTED, DEVICE_UNKNOWN"));
        assertTrue(KafkaTestClient.header(awaitDeadLetter(ended.toString()), "dead-letter-reason")
                .contains("not 'BORED'"));
        assertEquals("NONE", overview(device).getString("status"));
    }

    @Test
    void eventDatedInTheFutureIsDeadLetteredAndDoesNotHideLaterSessions() {
        UUID device = TestDevices.register();
        UUID future = UUID.randomUUID();
        UUID current = UUID.randomUUID();
        publish(EventType.SESSION_REQUESTED, requested(future, device, Instant.now().plus(365, ChronoUnit.DAYS)));

        assertTrue(KafkaTestClient.header(awaitDeadLetter(future.toString()), "dead-letter-reason")
                .contains("in the future"));
        publish(EventType.SESSION_REQUESTED, requested(current, device, Instant.now()));
        assertEquals(current.toString(), awaitStatus(device, "REQUESTED").getString("sessionId"));
    }

    // --- publishing as another service would

    private <T extends EventData> CloudEvent<T> publish(EventType<T> type, T data) {
        CloudEvent<T> event = event(type, data);
        republish(event);
        return event;
    }

    private void republish(CloudEvent<?> event) {
        KafkaTestClient.publish(kafka, event.type().topic(), event.key(), CloudEventCodec.dataJson(event.data()),
                CloudEventCodec.binaryHeaders(event));
    }

    private static <T extends EventData> CloudEvent<T> event(EventType<T> type, T data) {
        return new CloudEvent<>(UUID.randomUUID().toString(), type, "/overview-test", Instant.now(),
                CloudEventCodec.SCHEMA_VERSION, data);
    }

    private static SessionRequested requested(UUID session, UUID device, Instant at) {
        return new SessionRequested(session, device, "admin@example.com", at);
    }

    private static SessionAcknowledged acknowledged(UUID session, UUID device) {
        return new SessionAcknowledged(session, device, "teamviewer", "s12-345-678",
                "https://start.teamviewer.com/s12345678", "https://get.teamviewer.com/s12345678",
                Instant.now().plus(1, ChronoUnit.HOURS));
    }

    /**
     * Waits until the consumer has passed whatever was published for {@code session} on {@code type}'s topic so far:
     * a marker event with the same key (so the same partition, behind it) makes a device of its own acknowledged.
     */
    private void awaitProcessedBehind(EventType<?> type, UUID session) {
        UUID marker = TestDevices.register();
        UUID markerSession = UUID.randomUUID();
        EventData data = switch (type.name()) {
            case "SessionRequested" -> requested(markerSession, marker, Instant.now());
            case "SessionAcknowledged" -> acknowledged(markerSession, marker);
            case "SessionStarted" -> new SessionStarted(markerSession, marker, Instant.now());
            case "SessionRejected" -> new SessionRejected(markerSession, marker, "PARTNER_REFUSED", "marker",
                    Instant.now());
            default -> throw new IllegalArgumentException(type.name());
        };
        @SuppressWarnings({"unchecked", "rawtypes"})
        CloudEvent<?> event = new CloudEvent(UUID.randomUUID().toString(), type, "/overview-test", Instant.now(),
                CloudEventCodec.SCHEMA_VERSION, data);
        KafkaTestClient.publish(kafka, type.topic(), session.toString(), CloudEventCodec.dataJson(data),
                CloudEventCodec.binaryHeaders(event));
        await().atMost(PATIENCE).until(() -> markerSession.toString().equals(overview(marker).getString("sessionId")));
    }

    private ConsumerRecord<String, String> awaitDeadLetter(String key) {
        List<ConsumerRecord<String, String>> dead = KafkaTestClient.await(kafka, Topics.DEAD_LETTER,
                r -> key.equals(r.key()), 1, PATIENCE);
        assertEquals(1, dead.size(), "a dead letter keyed " + key);
        return dead.get(0);
    }

    private static JsonPath awaitStatus(UUID device, String status) {
        await().atMost(PATIENCE).until(() -> status.equals(overview(device).getString("status")));
        return overview(device);
    }

    /** The device's {@code remoteAssistance} as GET /api/devices/{id} answers it. */
    private static JsonPath overview(UUID device) {
        return TestDevices.get(device).setRootPath("remoteAssistance");
    }
}
