package org.remoteassistance.support.inbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Forgets processed events once no redelivery can come any more, so that {@code processed_event} does not grow without
 * bound: rows older than {@code remote-assistance.inbox.retention} (14 days) are deleted, a batch per transaction,
 * every {@code remote-assistance.inbox.retention-check-interval} (1 hour). Keep the retention longer than the
 * consumed topics' retention (Kafka's default is 7 days): an event still on a topic can be delivered again (a
 * consumer group reset to the beginning), and only its inbox row makes that harmless. The devices topic is compacted
 * and kept for good, but its snapshots are applied only when newer than what a read model holds.
 */
@ApplicationScoped
public class InboxRetention {

    private static final Logger LOG = Logger.getLogger(InboxRetention.class);
    private static final int BATCH = 10_000;

    @Inject
    EntityManager entityManager;

    @ConfigProperty(name = "remote-assistance.inbox.retention", defaultValue = "14d")
    Duration retention;

    @Scheduled(identity = "inbox-retention", every = "${remote-assistance.inbox.retention-check-interval:1h}",
            delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOldEvents() {
        try {
            int forgotten = forgetProcessedBefore(Instant.now().minus(retention));
            if (forgotten > 0) {
                LOG.infof("Forgot %d processed event(s) older than %s", forgotten, retention);
            }
        } catch (RuntimeException e) {
            // the next run tries again; a database outage must not flood the log with stack traces
            LOG.warnf("Inbox retention will retry at the next run: %s", e.getMessage());
        }
    }

    /**
     * Deletes the inbox rows of events processed before {@code cutoff}, {@value #BATCH} per transaction.
     *
     * @return how many were deleted
     */
    public int forgetProcessedBefore(Instant cutoff) {
        int total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                    DELETE FROM processed_event WHERE ctid IN (
                        SELECT ctid FROM processed_event WHERE processed_at < :cutoff LIMIT :batch)""")
                    .setParameter("cutoff", cutoff)
                    .setParameter("batch", BATCH)
                    .executeUpdate());
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
