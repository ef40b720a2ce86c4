package org.remoteassistance.support.outbox;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.support.tracing.EventTraces;

/**
 * Sends outbox rows to Kafka in commit order and deletes them once the broker has acknowledged them (idempotent
 * producer, {@code acks=all}). The rows a transaction of this instance commits are handed over from memory
 * ({@link CommittedRows}); the table is read only for rows memory lacks (left by a crash, written by another instance,
 * dropped during a long broker outage), and once per poll interval. No transaction is held while the broker
 * acknowledges: rows are read and deleted a batch per statement on a connection of the relay's own, which holds a
 * PostgreSQL advisory lock so that one instance of a service relays at a time (per-key order); leadership is taken
 * once and kept while that connection lives.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Rows kept in memory at most (about a minute of a busy service's events while the broker is away). */
    private static final int MEMORY_CAPACITY = 20_000;

    @Inject
    EventTraces traces;

    @Inject
    EntityManager entityManager;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxSettings settings;

    @Inject
    KafkaProducers producers;

    @Inject
    MeterRegistry registry;

    @Inject
    RelayedEvents relayed;

    private final Semaphore wakeups = new Semaphore(0);
    private final CommittedRows committed = new CommittedRows(MEMORY_CAPACITY, Duration.ofSeconds(60));
    /** Rows waiting and the age of the oldest, as last counted; NaN while the database cannot be asked. */
    private volatile double waiting = Double.NaN;
    private volatile double oldestAgeSeconds = Double.NaN;
    private ScheduledExecutorService backlogCounter;
    private volatile boolean running;
    private Thread worker;
    private KafkaProducer<String, String> producer;
    private Counter published;
    /** The relay's own connection, holding the advisory lock: null while this instance is not the relaying one. */
    private Connection leader;
    /** {@code leader != null}, for other threads. */
    private volatile boolean relaying;
    private final ExecutorService networkTimeouts = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "outbox-network-timeout");
        thread.setDaemon(true);
        return thread;
    });

    void start(@Observes StartupEvent startup) {
        producer = producers.create("outbox-relay");
        published = Counter.builder("outbox.published").description("events relayed from the outbox to Kafka")
                .register(registry);
        Gauge.builder("outbox.pending", this, relay -> relay.waiting)
                .description("outbox rows waiting to be published (counted each second; NaN while the database is"
                        + " away)").register(registry);
        Gauge.builder("outbox.oldest.age.seconds", this, relay -> relay.oldestAgeSeconds)
                .description("how long the oldest outbox row has waited (0 when none waits)").register(registry);
        Gauge.builder("outbox.relay.leader", this, relay -> relay.relaying ? 1 : 0)
                .description("1 when this instance relays the service's outbox (one instance does), else 0")
                .register(registry);
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
        resign();
        networkTimeouts.shutdownNow();
    }

    /** Whether the relay thread is working (or was stopped on purpose): a dead relay strands every event. */
    public boolean alive() {
        return !running || (worker != null && worker.isAlive());
    }

    /** A transaction wrote these rows and is about to commit: later rows wait for its outcome. */
    void committing(List<OutboxMessage> rows) {
        committed.committing(rows.get(0).position());
    }

    /** That transaction ended; committed rows are sent from memory at once. */
    void finished(List<OutboxMessage> rows, boolean wasCommitted) {
        committed.finished(rows.get(0).position(), wasCommitted ? rows : List.of());
        wakeups.release();
    }

    private void run() {
        long backoff = 100;
        long nextRead = System.nanoTime();
        while (running) {
            try {
                wakeups.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeups.drainPermits();
                if (!lead()) {
                    // another instance relays, and reads this instance's rows from the table
                    committed.dropAll();
                    continue;
                }
                if (committed.gap() || System.nanoTime() - nextRead >= 0) {
                    relayFromTable();
                    nextRead = System.nanoTime() + settings.pollInterval().toNanos();
                }
                if (!committed.gap()) {
                    relayFromMemory();
                }
                backoff = 100;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("Outbox relay will retry in %d ms: %s", backoff, e.getMessage());
                if (e instanceof SQLException) {
                    resign();
                }
                sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    private void relayFromMemory() throws SQLException {
        List<OutboxMessage> batch;
        while (running && !(batch = committed.next(settings.batchSize())).isEmpty()) {
            send(batch);
            committed.sent(batch);
        }
    }

    /**
     * Reads the table to its end: during a gap every row, in position order; otherwise only the rows memory lacks
     * (another instance's, or one read before its own transaction handed it over, which is then sent twice).
     */
    private void relayFromTable() throws SQLException {
        long dropsBefore = committed.drops();
        boolean gap = committed.gap();
        List<OutboxMessage> read;
        do {
            read = OutboxTable.oldest(leader, settings.batchSize());
            List<OutboxMessage> unsent = gap ? read : read.stream().filter(row -> !committed.holds(row.position()))
                    .toList();
            send(unsent);
            committed.sent(unsent);
            // outside a gap the rows memory holds stay in the table until sent from memory: one batch a round
        } while (running && gap && read.size() == settings.batchSize());
        if (gap) {
            committed.closeGap(dropsBefore);
        }
    }

    private void send(List<OutboxMessage> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        List<Span> spans = new ArrayList<>(batch.size());
        for (OutboxMessage message : batch) {
            relayed.sending(message.eventId());
            ProducerRecord<String, String> record = toRecord(message);
            spans.add(traces.sending(message.traceParent(), message.topic(), message.eventId(), message.eventType(),
                    record.headers()));
            acks.add(producer.send(record));
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> ack : acks) {
                try {
                    ack.get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    spans.forEach(span -> span.setStatus(StatusCode.ERROR, "not acknowledged: " + e.getMessage()));
                    throw new IllegalStateException("Kafka did not acknowledge an outbox event: " + e.getMessage(), e);
                }
            }
        } finally {
            spans.forEach(Span::end);
        }
        OutboxTable.delete(leader, batch);
        published.increment(batch.size());
    }

    /**
     * Whether this instance relays: it holds the advisory lock on a connection of its own, taken once and kept
     * (a session lock, released when that connection ends, so a dead instance's lock goes with it).
     */
    private boolean lead() throws SQLException {
        if (leader != null) {
            return true;
        }
        Connection connection = dataSource.getConnection();
        boolean locked = false;
        try (Statement statement = connection.createStatement();
                ResultSet lock = statement.executeQuery(
                        "SELECT pg_try_advisory_lock(hashtext(current_schema() || '.outbox'))")) {
            locked = lock.next() && lock.getBoolean(1);
        } finally {
            if (!locked) {
                connection.close();
            }
        }
        if (!locked) {
            return false;
        }
        // a database that stops answering must not hold the relay forever
        connection.setNetworkTimeout(networkTimeouts, (int) TimeUnit.SECONDS.toMillis(30));
        leader = connection;
        relaying = true;
        return true;
    }

    /**
     * Whether this instance relays, as far as it knows: one whose session the database ended learns it at its next
     * statement, and may meanwhile send rows it was handed (sent twice then, which consumers' inboxes absorb).
     */
    public boolean relaying() {
        return relaying;
    }

    /** Lets go of the lock and the connection (which may be broken): the next round takes leadership again. */
    private void resign() {
        Connection connection = leader;
        leader = null;
        relaying = false;
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debugf("Closing the outbox relay's connection: %s", e.getMessage());
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
