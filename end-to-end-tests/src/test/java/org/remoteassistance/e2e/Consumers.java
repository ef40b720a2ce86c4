package org.remoteassistance.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.remoteassistance.events.Topics;

/**
 * Who consumes which topic (SPEC §5), and the barrier for "nothing came of it": every consumer group of a record's
 * topic has committed past it, so it has been judged (applied, skipped as a duplicate or dead-lettered) and whatever
 * it was going to change has changed. Tests wait for that instead of sleeping and hoping.
 */
final class Consumers {

    /** The consumer groups of each topic the services consume, by service name. */
    static final Map<String, List<String>> OF_TOPIC = Map.of(
            Topics.SESSION_REQUESTED, List.of("device", "session", "connector"),
            Topics.SESSION_ACKNOWLEDGED, List.of("device", "session", "notification"),
            Topics.SESSION_REJECTED, List.of("device", "session"),
            Topics.SESSION_STARTED, List.of("device"),
            Topics.SESSION_ENDED, List.of("device", "notification", "connector"),
            Topics.NOTIFICATION_ISSUED, List.of("device", "session"),
            Topics.NOTIFICATION_RESEND_REQUESTED, List.of("notification"),
            Topics.DEVICE_COMPLIANCE, List.of("device"),
            Topics.DEVICES, List.of("session", "notification", "connector"));

    private Consumers() {
    }

    static int of(String topic) {
        return OF_TOPIC.get(topic).size();
    }

    /** Waits until every consumer group of each record's topic has committed an offset past it. */
    static void awaitPast(String bootstrapServers, Collection<RecordMetadata> records, Duration timeout) {
        Map<String, Map<TopicPartition, Long>> lastByGroup = new LinkedHashMap<>();
        for (RecordMetadata record : records) {
            for (String service : OF_TOPIC.get(record.topic())) {
                lastByGroup.computeIfAbsent(service + "-service", group -> new LinkedHashMap<>())
                        .merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::max);
            }
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            lastByGroup.forEach((group, last) -> await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .alias(group + " past " + last).until(() -> {
                        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                        return last.entrySet().stream().allMatch(each -> committed.get(each.getKey()) != null
                                && committed.get(each.getKey()).offset() > each.getValue());
                    }));
        }
    }
}
