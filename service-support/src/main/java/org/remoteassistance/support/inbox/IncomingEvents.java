package org.remoteassistance.support.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.EventData;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.InvalidEventException;
import org.remoteassistance.support.failure.PassingFailures;

/**
 * Reads a consumed record as an event of the expected type, from a publisher allowed on its topic
 * ({@link AllowedPublishers}). An event that cannot be read or applied
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

    @Inject
    AllowedPublishers publishers;

    public <T extends EventData> CloudEvent<T> decode(EventType<T> type, ConsumerRecord<String, String> record) {
        try {
            CloudEvent<T> event = CloudEventCodec.decode(type, record.headers(), record.value());
            // after decoding, so that the source is a well-formed attribute of either mode before a reason quotes it
            publishers.check(event);
            return event;
        } catch (InvalidEventException e) {
            throw rejected(type, record, e);
        }
    }

    /**
     * Runs {@code effect} (a transaction of the caller's) until it succeeds or fails for good: a passing failure
     * ({@link PassingFailures}) is retried with backoff while the partition waits, for as long as it lasts; any other
     * failure is thrown at once. A commit whose outcome is unknown is retried like any passing failure: the inbox
     * makes the second run a no-op if the first one did commit.
     */
    public void retryingPassingFailures(EventType<?> type, ConsumerRecord<String, String> record, Runnable effect) {
        long backoff = 100;
        while (true) {
            try {
                effect.run();
                return;
            } catch (RuntimeException e) {
                if (!PassingFailures.isPassing(e)) {
                    throw e;
                }
                registry.counter("events.retried", "topic", type.topic()).increment();
                LOG.warnf("Retrying %s-%d@%d in %d ms: %s", record.topic(), record.partition(), record.offset(),
                        backoff, PassingFailures.summary(e));
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
