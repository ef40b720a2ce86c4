package org.remoteassistance.notification;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.DeviceSnapshot;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.SessionAcknowledged;
import org.remoteassistance.events.Topics;
import org.remoteassistance.localstack.LocalStackTestResource;
import org.remoteassistance.testing.KafkaTestClient;

/** An event that cannot be processed is set aside with its reason; the consumer goes on with the next one. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class DeadLetterTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void malformedAcknowledgementIsDeadLetteredAndTheNextOneIsProcessed() {
        UUID deviceId = UUID.randomUUID();
        UUID sessionId = UUID.randomUUID();
        CloudEvent<SessionAcknowledged> valid = TestEvents.event(EventType.SESSION_ACKNOWLEDGED,
                TestEvents.acknowledged(sessionId, deviceId, "s20-000-001"));
        String notJsonKey = UUID.randomUUID().toString();
        String noCodeKey = UUID.randomUUID().toString();

        KafkaTestClient.publish(kafka, Topics.SESSION_ACKNOWLEDGED, notJsonKey, "{not json",
                CloudEventCodec.binaryHeaders(valid));
        Map<String, String> otherHeaders = CloudEventCodec.binaryHeaders(TestEvents.event(
                EventType.SESSION_ACKNOWLEDGED, TestEvents.acknowledged(sessionId, deviceId, "unused")));
        KafkaTestClient.publish(kafka, Topics.SESSION_ACKNOWLEDGED, noCodeKey,
                "{\"sessionId\":\"" + sessionId + "\",\"deviceId\":\"" + deviceId + "\",\"partner\":\"teamviewer\"}",
                otherHeaders);
        TestEvents.publishBinary(kafka, valid);

        assertThat(deadLetterReason(notJsonKey), containsString("not JSON"));
        assertThat(deadLetterReason(noCodeKey), containsString("sessionCode"));
        CompanyPortalNotificationTest.awaitNotifications(deviceId, 1);
    }

    @Test
    void deviceEventOfAnUnknownTypeIsDeadLetteredAndTheNextOneIsProcessed() {
        UUID deviceId = UUID.randomUUID();
        CloudEvent<DeviceSnapshot> registered = TestEvents.event(EventType.DEVICE_REGISTERED,
                TestEvents.device(deviceId, "MACOS", Instant.now()));
        Map<String, String> headers = new LinkedHashMap<>(CloudEventCodec.binaryHeaders(registered));
        headers.put(CloudEventCodec.HEADER_TYPE, "DeviceExploded");
        headers.put(CloudEventCodec.HEADER_ID, UUID.randomUUID().toString());

        KafkaTestClient.publish(kafka, Topics.DEVICES, registered.key(), CloudEventCodec.dataJson(registered.data()),
                headers);
        TestEvents.publishBinary(kafka, registered);

        assertThat(deadLetterReason(registered.key()), containsString("DeviceExploded"));
        await().atMost(Duration.ofSeconds(30)).until(() -> TestEvents.processed(registered));
    }

    private String deadLetterReason(String key) {
        List<ConsumerRecord<String, String>> found = KafkaTestClient.await(kafka, Topics.DEAD_LETTER, r -> key.equals(r.key()), 1,
                Duration.ofSeconds(30));
        assertEquals(1, found.size(), "dead-lettered record with key " + key);
        ConsumerRecord<String, String> record = found.get(0);
        return String.valueOf(KafkaTestClient.header(record, "dead-letter-reason"));
    }
}
