package org.remoteassistance.support.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.remoteassistance.events.CloudEventCodec;

/**
 * Sends outbox rows to Kafka in commit order and deletes them once the broker has acknowledged them (idempotent
 * producer, {@code acks=all}). Woken by each commit; the poll interval only catches rows left by a crash or an outage.
 * A PostgreSQL advisory lock lets one instance of a service relay at a time, which keeps per-key order.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    EntityManager entityManager;

    @Inject
    OutboxSettings settings;

    @Inject
    KafkaProducers producers;

    @Inject
    MeterRegistry registry;

    private final Semaphore wakeups = new Semaphore(0);
    /** Rows waiting and the age of the oldest, as last counted; NaN while the database cannot be asked. */
    private volatile double waiting = Double.NaN;
    private volatile double oldestAgeSeconds = Double.NaN;
    private ScheduledExecutorService backlogCounter;
    private volatile boolean running;
    private Thread worker;
    private KafkaProducer<String, String> producer;
    private Counter published;

    void start(@Observes StartupEvent startup) {
        producer = producers.create("outbox-relay");
        published = Counter.builder("outbox.published").description("events relayed from the outbox to Kafka")
                .register(registry);
        Gauge.builder("outbox.pending", this, relay -> relay.waiting)
                .description("outbox rows waiting to be published (counted each second; NaN while the database is"
                        + " away)").register(registry);
        Gauge.builder("outbox.oldest.age.seconds", this, relay -> relay.oldestAgeSeconds)
                .description("how long the oldest outbox row has waited (0 when none waits)").register(registry);
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
        // counted on a thread of its own: the relay may be blocked on a broker that is away, which is when it matters
        backlogCounter = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "outbox-backlog");
            thread.setDaemon(true);
            return thread;
        });
        backlogCounter.scheduleWithFixedDelay(this::measureBacklog, 0, 1, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (backlogCounter != null) {
            backlogCounter.shutdownNow();
        }
        wakeups.release();
        if (worker != null) {
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Whether the relay thread is working (or was stopped on purpose): a dead relay strands every event. */
    public boolean alive() {
        return !running || (worker != null && worker.isAlive());
    }

    /** Called after a commit that wrote outbox rows. */
    public void wake() {
        wakeups.release();
    }

    private void run() {
        long backoff = 100;
        while (running) {
            try {
                wakeups.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeups.drainPermits();
                int sent;
                do {
                    sent = relayBatch();
                } while (sent == settings.batchSize() && running);
                backoff = 100;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Outbox relay will retry in %d ms: %s", backoff, e.getMessage());
                sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    private int relayBatch() {
        return QuarkusTransaction.requiringNew().timeout(60).call(() -> entityManager.unwrap(Session.class)
                .doReturningWork(connection -> {
                    if (!leader(connection)) {
                        return 0;
                    }
                    List<OutboxMessage> batch = OutboxTable.oldest(connection, settings.batchSize());
                    if (batch.isEmpty()) {
                        return 0;
                    }
                    List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
                    for (OutboxMessage message : batch) {
                        acks.add(producer.send(toRecord(message)));
                    }
                    producer.flush();
                    for (Future<RecordMetadata> ack : acks) {
                        try {
                            ack.get(30, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException("Kafka did not acknowledge an outbox event: "
                                    + e.getMessage(), e);
                        }
                    }
                    OutboxTable.delete(connection, batch);
                    published.increment(batch.size());
                    return batch.size();
                }));
    }

    /** One instance of a service relays at a time (until this transaction ends): the others find nothing to do. */
    private static boolean leader(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet lock = statement.executeQuery(
                        "SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox'))")) {
            return lock.next() && lock.getBoolean(1);
        }
    }

    /**
     * Counts the rows waiting and the age of the oldest, each second: during a broker outage the backlog grows and the
     * gauges show it; while the database is away they read NaN (unknown), not a stale figure.
     */
    private void measureBacklog() {
        try {
            Object[] row = QuarkusTransaction.requiringNew().timeout(10).call(() -> (Object[]) entityManager
                    .createNativeQuery("SELECT count(*), coalesce(extract(epoch FROM now() - min(occurred_at)), 0)"
                            + " FROM outbox_message")
                    .getSingleResult());
            waiting = ((Number) row[0]).doubleValue();
            oldestAgeSeconds = Math.max(0, ((Number) row[1]).doubleValue());
        } catch (RuntimeException e) {
            waiting = Double.NaN;
            oldestAgeSeconds = Double.NaN;
        }
    }

    private static ProducerRecord<String, String> toRecord(OutboxMessage message) {
        ProducerRecord<String, String> record = new ProducerRecord<>(message.topic(), message.messageKey(),
                message.payload());
        record.headers().add(CloudEventCodec.HEADER_SPEC_VERSION, bytes(CloudEventCodec.SPEC_VERSION));
        record.headers().add(CloudEventCodec.HEADER_ID, bytes(message.eventId()));
        record.headers().add(CloudEventCodec.HEADER_TYPE, bytes(message.eventType()));
        record.headers().add(CloudEventCodec.HEADER_SOURCE, bytes(message.source()));
        record.headers().add(CloudEventCodec.HEADER_TIME, bytes(message.occurredAt().toString()));
        record.headers().add(CloudEventCodec.HEADER_SCHEMA_VERSION, bytes(message.schemaVersion()));
        record.headers().add(CloudEventCodec.HEADER_CONTENT_TYPE, bytes(CloudEventCodec.DATA_CONTENT_TYPE));
        return record;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
