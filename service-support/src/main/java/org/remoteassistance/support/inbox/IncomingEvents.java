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

/**
 * Reads a consumed record as an event of the expected type. An event that cannot be read is counted and rethrown, so
 * the channel's dead-letter-queue failure strategy moves it aside with the reason and the consumer goes on.
 */
@ApplicationScoped
public class IncomingEvents {

    private static final Logger LOG = Logger.getLogger(IncomingEvents.class);

    @Inject
    MeterRegistry registry;

    public <T extends EventData> CloudEvent<T> decode(EventType<T> type, ConsumerRecord<String, String> record) {
        try {
            return CloudEventCodec.decode(type, record.headers(), record.value());
        } catch (InvalidEventException e) {
            throw rejected(type, record, e);
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
}
