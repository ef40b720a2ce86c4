package org.remoteassistance.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.DeviceSnapshot;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.Topics;
import org.remoteassistance.support.devices.KnownDevice;
import org.remoteassistance.support.devices.KnownDevices;
import org.remoteassistance.support.inbox.Inbox;
import org.remoteassistance.support.inbox.InboxRetention;
import org.remoteassistance.support.outbox.Outbox;
import org.remoteassistance.support.outbox.OutboxRelay;

/**
 * What every service must do with its real database and the real broker: publish through its outbox in commit order,
 * publish nothing for a rolled-back transaction, recognise a redelivered event, and report itself ready. Each service
 * has a {@code @QuarkusTest} extending this.
 */
public abstract class EventPlumbingContract {

    @Inject
    Outbox outbox;

    @Inject
    Inbox inbox;

    @Inject
    InboxRetention retention;

    @Inject
    EntityManager entityManager;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxRelay relay;

    @Inject
    KnownDevices knownDevices;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @ConfigProperty(name = "quarkus.application.name")
    String application;

    @Test
    void committedEventReachesKafkaAsCloudEventAndLeavesTheOutbox() {
        DeviceSnapshot probe = probe();
        CloudEvent<DeviceSnapshot> sent = QuarkusTransaction.requiringNew()
                .call(() -> outbox.publish(EventType.DEVICE_REGISTERED, probe));

        ConsumerRecord<String, String> record = KafkaTestClient.await(kafka, Topics.DEVICES,
                r -> probe.key().equals(r.key()), 1, Duration.ofSeconds(30)).get(0);

        assertEquals(sent.id(), KafkaTestClient.header(record, CloudEventCodec.HEADER_ID));
        assertEquals("/" + application, KafkaTestClient.header(record, CloudEventCodec.HEADER_SOURCE));
        CloudEvent<DeviceSnapshot> received = CloudEventCodec.decode(EventType.DEVICE_REGISTERED, record.headers(),
                record.value());
        assertEquals(probe, received.data());
        // the row is deleted once the broker acknowledged it, which may be a moment after a reader sees the record
        await().atMost(Duration.ofSeconds(10)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> ((Number) entityManager.createNativeQuery(
                        "SELECT count(*) FROM outbox_message WHERE event_id = :id").setParameter("id", sent.id())
                        .getSingleResult()).longValue()) == 0);
    }

    @Test
    void aRowTheRelayWasNotHandedIsStillSentFromTheTable() {
        // as a crash between commit and send leaves it, or another instance of the service writes it
        DeviceSnapshot probe = probe();
        String eventId = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                INSERT INTO outbox_message (event_id, event_type, topic, message_key, source, schema_version,
                                            occurred_at, payload)
                VALUES (:id, 'DeviceRegistered', :topic, :key, '/contract-test', :version, now(), :payload)""")
                .setParameter("id", eventId).setParameter("topic", Topics.DEVICES)
                .setParameter("key", probe.key()).setParameter("version", CloudEventCodec.SCHEMA_VERSION)
                .setParameter("payload", CloudEventCodec.dataJson(probe)).executeUpdate());

        ConsumerRecord<String, String> record = KafkaTestClient.await(kafka, Topics.DEVICES,
                r -> probe.key().equals(r.key()), 1, Duration.ofSeconds(30)).get(0);
        assertEquals(eventId, KafkaTestClient.header(record, CloudEventCodec.HEADER_ID));
        await().atMost(Duration.ofSeconds(10)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> ((Number) entityManager.createNativeQuery(
                        "SELECT count(*) FROM outbox_message WHERE event_id = :id").setParameter("id", eventId)
                        .getSingleResult()).longValue()) == 0);
    }

    @Test
    void whileAnotherInstanceRelaysThisOneLeavesItsRowsToItAndTakesOverWhenItStops() throws Exception {
        DeviceSnapshot probe = probe();
        try (Connection otherInstance = dataSource.getConnection();
                Statement statement = otherInstance.createStatement()) {
            try {
                takeTheRelayFromThisInstance(statement);
                // this instance learns it at its relay's next statement (its table read, once per poll interval)
                await().atMost(Duration.ofSeconds(15)).until(() -> !relay.relaying());
                QuarkusTransaction.requiringNew().run(() -> outbox.publish(EventType.DEVICE_REGISTERED, probe));

                // the other instance would send it from the table; this one must not send it as well
                assertEquals(List.of(), KafkaTestClient.await(kafka, Topics.DEVICES,
                        r -> probe.key().equals(r.key()), 1, Duration.ofSeconds(1)));
            } finally {
                // the other instance stops; its connection goes back to this instance's pool, so let go explicitly
                statement.execute("SELECT pg_advisory_unlock_all()");
            }
        }
        // this one takes over and sends the row
        KafkaTestClient.await(kafka, Topics.DEVICES, r -> probe.key().equals(r.key()), 1, Duration.ofSeconds(15));
    }

    /** As a second instance does when it wins the relay: holds the relay's advisory lock on its own connection. */
    private static void takeTheRelayFromThisInstance(Statement statement) throws SQLException {
        for (int attempt = 0; attempt < 20; attempt++) {
            // this instance's relay holds the lock on a session of its own: end that session (waiting until it has
            // ended), then take the lock before the relay, which waits 100 ms after losing its connection
            statement.execute("""
                    SELECT pg_terminate_backend(pid, 5000) FROM pg_locks
                    WHERE locktype = 'advisory' AND granted AND objsubid = 1 AND pid <> pg_backend_pid()
                      AND (classid::bigint << 32 | objid::bigint) = hashtext(current_schema() || '.outbox')""");
            try (ResultSet locked = statement.executeQuery(
                    "SELECT pg_try_advisory_lock(hashtext(current_schema() || '.outbox'))")) {
                if (locked.next() && locked.getBoolean(1)) {
                    return;
                }
            }
        }
        throw new AssertionError("this instance's relay kept its lock");
    }

    @Test
    void eventsOfOneTransactionArriveInTheOrderTheyWerePublished() {
        DeviceSnapshot first = probe();
        DeviceSnapshot renamed = new DeviceSnapshot(first.deviceId(), "renamed", first.platform(), first.osVersion(),
                first.serialNumber(), first.primaryUser(), false, first.changedAt().plusMillis(1));
        DeviceSnapshot retired = new DeviceSnapshot(first.deviceId(), "renamed", first.platform(), first.osVersion(),
                first.serialNumber(), first.primaryUser(), true, first.changedAt().plusMillis(2));
        List<String> published = QuarkusTransaction.requiringNew().call(() -> List.of(
                outbox.publish(EventType.DEVICE_REGISTERED, first).id(),
                outbox.publish(EventType.DEVICE_REGISTERED, renamed).id(),
                outbox.publish(EventType.DEVICE_RETIRED, retired).id()));

        List<String> received = KafkaTestClient.await(kafka, Topics.DEVICES, r -> first.key().equals(r.key()), 3,
                Duration.ofSeconds(30)).stream().map(r -> KafkaTestClient.header(r, CloudEventCodec.HEADER_ID))
                .toList();
        assertEquals(published, received);
    }

    @Test
    void deviceSnapshotsFollowOneRuleInEveryService() {
        // device-service publishes the snapshots and keeps no read model of them
        assumeTrue(QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
                        + " AND table_name = 'known_device'").getSingleResult()).intValue() == 1));
        DeviceSnapshot registered = probe();
        UUID id = registered.deviceId();
        Instant t = registered.changedAt();
        apply(EventType.DEVICE_REGISTERED, registered);
        assertEquals("WINDOWS", knownDevices.find(id).orElseThrow().platform());

        // an older snapshot (a replay of the compacted topic) changes nothing
        apply(EventType.DEVICE_REGISTERED, snapshot(id, "MACOS", false, t.minusSeconds(60)));
        assertEquals("WINDOWS", knownDevices.find(id).orElseThrow().platform());

        apply(EventType.DEVICE_RETIRED, snapshot(id, "WINDOWS", true, t.plusSeconds(1)));
        assertTrue(knownDevices.find(id).orElseThrow().retired());

        // a newer snapshot still says what it says, but a retired device stays retired
        apply(EventType.DEVICE_REGISTERED, snapshot(id, "LINUX", false, t.plusSeconds(2)));
        KnownDevice known = knownDevices.find(id).orElseThrow();
        assertTrue(known.retired());
        assertEquals("LINUX", known.platform());
        assertTrue(knownDevices.find(UUID.randomUUID()).isEmpty());
    }

    private void apply(EventType<DeviceSnapshot> type, DeviceSnapshot snapshot) {
        QuarkusTransaction.requiringNew().run(() -> knownDevices.apply(new CloudEvent<>(UUID.randomUUID().toString(),
                type, "/contract-test", Instant.now(), CloudEventCodec.SCHEMA_VERSION, snapshot)));
    }

    private static DeviceSnapshot snapshot(UUID id, String platform, boolean retired, Instant changedAt) {
        return new DeviceSnapshot(id, "probe", platform, "11", "SN-PROBE", "probe@example.com", retired, changedAt);
    }

    @Test
    void rolledBackTransactionPublishesNothing() {
        DeviceSnapshot probe = probe();
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.publish(EventType.DEVICE_REGISTERED, probe);
            throw new IllegalStateException("the state change failed");
        }));
        // the relay publishes in commit order: once an event committed after the rollback is on the topic, anything
        // the rolled-back transaction could have published would be there before it
        DeviceSnapshot after = probe();
        QuarkusTransaction.requiringNew().run(() -> outbox.publish(EventType.DEVICE_REGISTERED, after));
        assertEquals(1, KafkaTestClient.await(kafka, Topics.DEVICES, r -> after.key().equals(r.key()), 1,
                Duration.ofSeconds(30)).size());
        assertTrue(KafkaTestClient.readToEnd(kafka, Topics.DEVICES, r -> probe.key().equals(r.key())).isEmpty());
    }

    @Test
    void redeliveredEventIsRecognised() {
        CloudEvent<DeviceSnapshot> event = new CloudEvent<>(UUID.randomUUID().toString(),
                EventType.DEVICE_REGISTERED, "/contract-test", Instant.now(), CloudEventCodec.SCHEMA_VERSION, probe());
        assertTrue(QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery(event, "contract-test")));
        assertFalse(QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery(event, "contract-test")));
    }

    @Test
    void processedEventsAreForgottenOnlyOnceTheirRetentionHasPassed() {
        CloudEvent<DeviceSnapshot> old = new CloudEvent<>(UUID.randomUUID().toString(),
                EventType.DEVICE_REGISTERED, "/contract-test", Instant.now(), CloudEventCodec.SCHEMA_VERSION, probe());
        CloudEvent<DeviceSnapshot> recent = new CloudEvent<>(UUID.randomUUID().toString(),
                EventType.DEVICE_REGISTERED, "/contract-test", Instant.now(), CloudEventCodec.SCHEMA_VERSION, probe());
        QuarkusTransaction.requiringNew().run(() -> {
            inbox.firstDelivery(old, "contract-test");
            inbox.firstDelivery(recent, "contract-test");
            entityManager.createNativeQuery("UPDATE processed_event SET processed_at = now() - interval '30 days' "
                    + "WHERE event_id = :id").setParameter("id", old.id()).executeUpdate();
        });

        assertTrue(retention.forgetProcessedBefore(Instant.now().minus(Duration.ofDays(14))) >= 1);

        // the old one may be delivered again as new (it is off every topic by then); the recent one is still known
        assertTrue(QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery(old, "contract-test")));
        assertFalse(QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery(recent, "contract-test")));
    }

    @Test
    void createsEveryTopicWithTheDevicesTopicCompacted() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            for (EventType<?> type : EventType.ALL) {
                assertTrue(topics.contains(type.topic()), type.topic());
            }
            assertTrue(topics.contains(Topics.DEAD_LETTER));
            ConfigResource devices = new ConfigResource(ConfigResource.Type.TOPIC, Topics.DEVICES);
            Config config = admin.describeConfigs(List.of(devices)).all().get(10, TimeUnit.SECONDS).get(devices);
            assertEquals("compact", config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value());
        }
    }

    @Test
    void readyWithItsDatabaseAndKafka() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static DeviceSnapshot probe() {
        return new DeviceSnapshot(UUID.randomUUID(), "probe", "WINDOWS", "11", "SN-PROBE", "probe@example.com", false,
                Instant.now());
    }
}
