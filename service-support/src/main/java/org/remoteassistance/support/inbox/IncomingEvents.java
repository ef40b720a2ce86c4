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
 * conflict) is retried in place with backoff: the partition waits, nothing is skipped, nothing is dead-lettered. An
 * event applied wakes the consumers waiting for one on another topic ({@link EventArrivals}).
 */
@ApplicationScoped
public class IncomingEvents {

    private static final Logger LOG = Logger.getLogger(IncomingEvents.class);
    @Inject
    MeterRegistry registry;

    @Inject
    AllowedPublishers publishers;

    @Inject
    EventArrivals arrivals;

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
        PassingFailures.retry(record.topic() + "-" + record.partition() + "@" + record.offset(), () -> {
            effect.run();
            return null;
        }, () -> registry.counter("events.retried", "topic", type.topic()).increment());
        arrivals.applied();
    }

    /** Counts an event rejected after decoding (unknown session, say) and returns the exception to throw. */
    public InvalidEventException rejected(EventType<?> type, ConsumerRecord<String, String> record,
            InvalidEventException reason) {
        registry.counter("events.dead.lettered", "topic", type.topic()).increment();
        LOG.warnf("Dead-lettering a record from %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                reason.getMessage());
        return reason;
    }
}
