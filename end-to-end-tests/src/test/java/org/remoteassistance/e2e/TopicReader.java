package org.remoteassistance.e2e;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.testing.KafkaTestClient;

/**
 * Reads a whole topic, from its first record to the end it has now, with a plain consumer that joins no group: what
 * the services published is counted from the log itself, not from what they say they did.
 */
final class TopicReader {

    private TopicReader() {
    }

    static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, String topic) {
        return KafkaTestClient.readToEnd(bootstrapServers, topic);
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        return KafkaTestClient.header(record, name);
    }

    static String eventId(ConsumerRecord<String, String> record) {
        return header(record, CloudEventCodec.HEADER_ID);
    }

    /** The record's headers as strings, to publish it again exactly as it was. */
    static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(),
                    StandardCharsets.UTF_8));
        }
        return headers;
    }

    /** Distinct event ids (ce_id) per key among the given records: a redelivered event counts once. */
    static Map<String, Long> distinctEventsPerKey(List<ConsumerRecord<String, String>> records,
            Set<String> keys) {
        return records.stream().filter(record -> keys.contains(record.key()))
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.mapping(TopicReader::eventId,
                        Collectors.collectingAndThen(Collectors.toSet(), set -> (long) set.size()))));
    }

    static <K> Map<K, Long> count(List<ConsumerRecord<String, String>> records,
            Function<ConsumerRecord<String, String>, K> by) {
        return records.stream().collect(Collectors.groupingBy(by, LinkedHashMap::new, Collectors.counting()));
    }
}
