package org.remoteassistance.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.remoteassistance.deadletters.DeadLetter.Origin;
import org.remoteassistance.events.Topics;

/** Reads the dead-letter topic and puts dead-lettered records back on their topics. */
final class DeadLetters {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaSettings settings;

    DeadLetters(KafkaSettings settings) {
        this.settings = settings;
    }

    /** Every record on the dead-letter topic now, oldest first in each partition. */
    List<DeadLetter> read() {
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings.consumer())) {
            Map<TopicPartition, Long> from = new HashMap<>();
            for (TopicPartition partition : partitions(consumer, Topics.DEAD_LETTER)) {
                from.put(partition, 0L);
            }
            readToEnd(consumer, from, record -> letters.add(DeadLetter.of(record)));
        }
        return letters;
    }

    /**
     * Which of these origins were replayed already: a record on the origin's partition after it that carries
     * {@code replayed-from: <origin>}. A replay goes to the origin's own partition, so only what came after the
     * dead-lettered record is read.
     *
     * @return the replayed origins and where their replay is, {@code <topic>-<partition>@<offset>}
     */
    Map<Origin, Origin> replays(List<Origin> origins) {
        Map<TopicPartition, Long> from = new HashMap<>();
        for (Origin origin : origins) {
            from.merge(new TopicPartition(origin.topic(), origin.partition()), origin.offset() + 1, Math::min);
        }
        Map<String, Origin> replayed = new HashMap<>();
        if (!from.isEmpty()) {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings.consumer())) {
                readToEnd(consumer, from, record -> {
                    Header header = record.headers().lastHeader(DeadLetter.REPLAYED_FROM);
                    if (header != null && header.value() != null) {
                        replayed.putIfAbsent(new String(header.value(), StandardCharsets.UTF_8),
                                new Origin(record.topic(), record.partition(), record.offset()));
                    }
                });
            }
        }
        Map<Origin, Origin> result = new LinkedHashMap<>();
        for (Origin origin : origins) {
            Origin replay = replayed.get(origin.toString());
            if (replay != null) {
                result.put(origin, replay);
            }
        }
        return result;
    }

    /**
     * Publishes the dead-lettered record again on its origin topic and partition: the same key, value and headers
     * ({@code ce_*}, {@code content-type}), without the {@code dead-letter-*} ones, and with {@code replayed-from}
     * naming the origin.
     *
     * @return where the replay is
     */
    Origin replay(KafkaProducer<byte[], byte[]> producer, DeadLetter letter) {
        List<Header> headers = new ArrayList<>(letter.originalHeaders());
        headers.add(new RecordHeader(DeadLetter.REPLAYED_FROM,
                letter.origin().toString().getBytes(StandardCharsets.UTF_8)));
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(letter.origin().topic(),
                letter.origin().partition(), letter.key(), letter.value(), headers);
        try {
            RecordMetadata sent = producer.send(record).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return new Origin(sent.topic(), sent.partition(), sent.offset());
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not replay " + letter.origin() + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not replay " + letter.origin() + " within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying " + letter.origin(), e);
        }
    }

    KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(settings.producer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : infos == null ? List.<PartitionInfo>of() : infos) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        return partitions;
    }

    /** Reads each partition from its offset up to its end as it is now. */
    private static void readToEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> from,
            java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
        consumer.assign(from.keySet());
        Map<TopicPartition, Long> end = consumer.endOffsets(from.keySet(), TIMEOUT);
        List<TopicPartition> left = new ArrayList<>();
        for (Map.Entry<TopicPartition, Long> partition : from.entrySet()) {
            if (partition.getValue() < end.get(partition.getKey())) {
                left.add(partition.getKey());
            }
        }
        consumer.assign(left);
        for (TopicPartition partition : left) {
            consumer.seek(partition, Math.max(from.get(partition), 0)); // below the log's start: from its start
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!left.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reading " + left + " made no progress for " + TIMEOUT);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                deadline = System.nanoTime() + TIMEOUT.toNanos();
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    each.accept(record);
                }
            }
            left.removeIf(partition -> consumer.position(partition, TIMEOUT) >= end.get(partition));
        }
    }
}
