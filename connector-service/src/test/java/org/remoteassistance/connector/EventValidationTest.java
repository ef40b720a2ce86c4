package org.remoteassistance.connector;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.DeviceSnapshot;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.SessionEnded;
import org.remoteassistance.events.SessionRequested;
import org.remoteassistance.events.Topics;
import org.remoteassistance.testing.Barriers;
import org.remoteassistance.testing.KafkaTestClient;
import org.remoteassistance.testing.ServiceTestResource;

/**
 * Events from other publishers are checked against the contract before they act: an end that is no end closes no
 * partner session, a device snapshot dated in the future or contradicting its type changes no device, an absurd
 * requester opens nothing. Each is dead-lettered with the reason, and the consumer goes on.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class EventValidationTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    DataSource dataSource;

    @Inject
    Database database;

    @Test
    void aSessionEndedWithAStatusOrReasonOutsideTheContractClosesNothing() {
        given().contentType(ContentType.JSON).body(Map.of("apiToken", ConnectorResourceTest.SIMULATOR_TOKEN))
                .put(ConnectorResourceTest.PATH).then().statusCode(200);
        UUID device = registered(snapshot(UUID.randomUUID(), "WINDOWS", false, Instant.now()));
        CloudEvent<SessionRequested> request = Events.event(EventType.SESSION_REQUESTED,
                new SessionRequested(UUID.randomUUID(), device, "admin@example.com", Instant.now()));
        Events.publish(kafka, request);
        UUID sessionId = request.data().sessionId();
        assertEquals(1, Events.await(kafka, Topics.SESSION_ACKNOWLEDGED, sessionId, 1, WAIT).size());

        Events.publish(kafka, Events.event(EventType.SESSION_ENDED,
                new SessionEnded(sessionId, device, "IN_PROGRESS", "COMPLETED", Instant.now())));
        Events.publish(kafka, Events.event(EventType.SESSION_ENDED,
                new SessionEnded(sessionId, device, "ENDED", "BORED", Instant.now())));

        List<ConsumerRecord<String, String>> dead = Events.await(kafka, Topics.DEAD_LETTER, sessionId, 2, WAIT);
        assertEquals(2, dead.size());
        assertTrue(reason(dead.get(0)).contains("data.status") || reason(dead.get(1)).contains("data.status"));
        assertTrue(reason(dead.get(0)).contains("data.reason") || reason(dead.get(1)).contains("data.reason"));
        assertEquals("OPEN", database.partnerSession(sessionId).orElseThrow().get("state"));

        // the consumer goes on: a real end closes it
        Events.publish(kafka, Events.event(EventType.SESSION_ENDED,
                new SessionEnded(sessionId, device, "ENDED", "COMPLETED", Instant.now())));
        Events.eventually("the partner session is closed", WAIT,
                () -> "CLOSED".equals(database.partnerSession(sessionId).orElseThrow().get("state")));
    }

    @Test
    void aDeviceSnapshotFromTheFutureIsDeadLetteredSoItCannotFreezeTheDevice() {
        UUID device = UUID.randomUUID();
        Events.publish(kafka, Events.event(EventType.DEVICE_REGISTERED,
                snapshot(device, "WINDOWS", false, Instant.now().plus(Duration.ofDays(365)))));

        assertTrue(reason(deadLetter(device)).contains("future"));
        assertFalse(database.deviceKnown(device, false));

        registered(snapshot(device, "WINDOWS", false, Instant.now()));
        Events.publish(kafka, Events.event(EventType.DEVICE_RETIRED, snapshot(device, "WINDOWS", true,
                Instant.now())));
        Events.eventually("the retirement counts", WAIT, () -> database.deviceKnown(device, true));
    }

    @Test
    void aDeviceEventWhoseTypeContradictsItsSnapshotOrWithAnUnknownPlatformChangesNothing() {
        UUID device = registered(snapshot(UUID.randomUUID(), "MACOS", false, Instant.now()));

        Events.publish(kafka, Events.event(EventType.DEVICE_RETIRED, snapshot(device, "MACOS", false,
                Instant.now())));
        assertTrue(reason(deadLetter(device)).contains("DeviceRetired with data.retired false"));

        UUID toaster = UUID.randomUUID();
        Events.publish(kafka, Events.event(EventType.DEVICE_REGISTERED, snapshot(toaster, "TOASTER", false,
                Instant.now())));
        assertTrue(reason(deadLetter(toaster)).contains("data.platform"));
        assertFalse(database.deviceKnown(toaster, false));
    }

    @Test
    void aRequestWithAnAbsurdRequesterIsDeadLetteredAndAnswersNothing() {
        UUID device = registered(snapshot(UUID.randomUUID(), "LINUX", false, Instant.now()));
        UUID sessionId = UUID.randomUUID();

        Events.publish(kafka, Events.event(EventType.SESSION_REQUESTED,
                new SessionRequested(sessionId, device, "a".repeat(10_000), Instant.now())));

        assertTrue(reason(deadLetter(sessionId)).contains("data.requestedBy"));
        // dead-lettered before any transaction: nothing it could have caused is still in the outbox
        Barriers.awaitOutboxDrained(dataSource);
        assertTrue(Events.published(kafka, Topics.SESSION_ACKNOWLEDGED, sessionId).isEmpty());
        assertTrue(Events.published(kafka, Topics.SESSION_REJECTED, sessionId).isEmpty());
        assertTrue(database.partnerSession(sessionId).isEmpty());
    }

    private ConsumerRecord<String, String> deadLetter(UUID key) {
        List<ConsumerRecord<String, String>> dead = Events.await(kafka, Topics.DEAD_LETTER, key, 1, WAIT);
        assertEquals(1, dead.size(), "dead-lettered: " + key);
        return dead.get(0);
    }

    private static String reason(ConsumerRecord<String, String> record) {
        return String.valueOf(KafkaTestClient.header(record, "dead-letter-reason"));
    }

    private UUID registered(DeviceSnapshot snapshot) {
        Events.publish(kafka, Events.event(EventType.DEVICE_REGISTERED, snapshot));
        Events.eventually("the connector knows the device", WAIT,
                () -> database.deviceKnown(snapshot.deviceId(), false));
        return snapshot.deviceId();
    }

    private static DeviceSnapshot snapshot(UUID device, String platform, boolean retired, Instant changedAt) {
        return new DeviceSnapshot(device, "DEVICE-" + device.toString().substring(0, 8), platform, "1",
                "SN-" + device, "user@example.com", retired, changedAt);
    }
}
