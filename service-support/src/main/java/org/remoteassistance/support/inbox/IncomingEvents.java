package org.remoteassistance.support.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.EventData;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.InvalidEventException;

/**
 * Reads a consumed record as an event of the expected type. An event that cannot be read or applied
 * ({@link InvalidEventException}) is counted and rethrown, so the channel's dead-letter-queue failure strategy moves
 * it aside with the reason and the consumer goes on. A passing failure (the database restarting, a serialization
 * conflict) is retried in place with backoff: the partition waits, nothing is skipped, nothing is dead-lettered.
 */
@ApplicationScoped
public class IncomingEvents {

    private static final Logger LOG = Logger.getLogger(IncomingEvents.class);
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    @Inject
    MeterRegistry registry;

    public <T extends EventData> CloudEvent<T> decode(EventType<T> type, ConsumerRecord<String, String> record) {
        try {
            return CloudEventCodec.decode(type, record.headers(), record.value());
        } catch (InvalidEventException e) {
            throw rejected(type, record, e);
        }
    }

    /**
     * Runs {@code effect} (a transaction of the caller's) until it succeeds or fails for good: a passing failure is
     * retried with backoff while the partition waits; any other failure is thrown at once.
     */
    public void retryingPassingFailures(EventType<?> type, ConsumerRecord<String, String> record, Runnable effect) {
        long backoff = 100;
        while (true) {
            try {
                effect.run();
                return;
            } catch (RuntimeException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                registry.counter("events.retried", "topic", type.topic()).increment();
                LOG.warnf("Retrying %s-%d@%d in %d ms: %s", record.topic(), record.partition(), record.offset(),
                        backoff, e.getMessage());
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    /** Counts an event rejected after decoding (unknown session, say) and returns the exception to throw. */
    public InvalidEventException rejected(EventType<?> type, ConsumerRecord<String, String> record,
            InvalidEventException reason) {
        registry.counter("events.dead.lettered", "topic", type.topic()).increment();
        LOG.warnf("Dead-lettering a record from %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                reason.getMessage());
        return reason;
    }

    /** Connection lost, server restarting, serialization failure or deadlock: worth trying again. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JDBCConnectionException || cause instanceof SQLTransientException
                    || cause instanceof jakarta.persistence.OptimisticLockException
                    || cause instanceof jakarta.persistence.PessimisticLockException
                    || cause instanceof org.hibernate.exception.LockAcquisitionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.equals("40001")
                        || state.equals("40P01") || state.equals("53300")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
