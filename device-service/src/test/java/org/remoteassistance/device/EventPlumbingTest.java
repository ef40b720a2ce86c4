package org.remoteassistance.device;

import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.remoteassistance.events.DeviceSnapshot;
import org.remoteassistance.events.EventType;
import org.remoteassistance.localstack.LocalStackTestResource;
import org.remoteassistance.support.outbox.Outbox;
import org.remoteassistance.support.outbox.OutboxMessage;
import org.remoteassistance.testing.EventPlumbingContract;

@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class EventPlumbingTest extends EventPlumbingContract {

    private static boolean relayWarm;

    @Inject
    Outbox outbox;

    /**
     * Works around a race in the contract: it reads the outbox as soon as the record is on Kafka, but the relay deletes
     * the row only after the broker's acknowledgement, and on a cold application that first delete is the slower of
     * the two. One event relayed (and its row gone) before the first test takes the cold start out of the race.
     */
    @BeforeEach
    void relayWarmedUp() {
        if (relayWarm) {
            return;
        }
        String eventId = QuarkusTransaction.requiringNew().call(() -> outbox.publish(EventType.DEVICE_REGISTERED,
                new DeviceSnapshot(UUID.randomUUID(), "warm-up", "LINUX", null, "SN-WARM-UP", null, false,
                        Instant.now())).id());
        await().atMost(Duration.ofSeconds(30)).until(
                () -> QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count("eventId", eventId)) == 0);
        relayWarm = true;
    }
}
