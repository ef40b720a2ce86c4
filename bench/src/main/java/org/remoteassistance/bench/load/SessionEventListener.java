package org.remoteassistance.bench.load;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.remoteassistance.events.Topics;

/**
 * Consumes SessionAcknowledged, SessionRejected and NotificationIssued with its own consumer group, as any other
 * service of the system would, and stamps each session's trace (events are keyed by session id) with the time it saw
 * them. Only the key is read: the time an event becomes visible to a consumer is what is measured.
 */
public final class SessionEventListener implements AutoCloseable {

    private static final List<String> TOPICS = List.of(Topics.SESSION_ACKNOWLEDGED, Topics.SESSION_REJECTED,
            Topics.NOTIFICATION_ISSUED);

    private final Map<String, SessionTrace> traces = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final AtomicLong events = new AtomicLong();
    private final Thread poller;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    public SessionEventListener(String bootstrapServers, String groupId) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        // a new group starts at the end: only this run's sessions matter
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(config);
        this.poller = new Thread(this::pollLoop, "session-event-listener");
        poller.setDaemon(true);
    }

    /** Joins the group and returns once every partition of the three topics is assigned and positioned. */
    public void start(Duration timeout) throws InterruptedException {
        poller.start();
        if (!assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("The benchmark's Kafka consumer got no partitions of " + TOPICS
                    + " within " + timeout + (failure != null ? ": " + failure.getMessage() : ""));
        }
    }

    /** The trace of a session, created on first sight by either the HTTP side or this listener. */
    public SessionTrace trace(String sessionId) {
        return traces.computeIfAbsent(sessionId, SessionTrace::new);
    }

    public void forget(String sessionId) {
        traces.remove(sessionId);
    }

    public long eventsSeen() {
        return events.get();
    }

    private void pollLoop() {
        try {
            consumer.subscribe(TOPICS, new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // resolve "latest" now, before any load starts
                    partitions.forEach(consumer::position);
                    if (partitions.stream().map(TopicPartition::topic).distinct().count() == TOPICS.size()) {
                        assigned.countDown();
                    }
                }
            });
            while (running) {
                var records = consumer.poll(Duration.ofMillis(200));
                long now = System.nanoTime();
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (record.key() == null) {
                        continue;
                    }
                    events.incrementAndGet();
                    SessionTrace trace = trace(record.key());
                    switch (record.topic()) {
                        case Topics.SESSION_ACKNOWLEDGED -> trace.acknowledged(now, record.timestamp());
                        case Topics.NOTIFICATION_ISSUED -> trace.notified(now, record.timestamp());
                        case Topics.SESSION_REJECTED -> trace.rejected();
                        default -> {
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
