package org.remoteassistance.support.outbox;

import java.time.Instant;

/**
 * An event written in the same transaction as the state change it reports, waiting for the relay to publish it.
 *
 * @param position publication order, given by the database on insert (0 until then); one relay at a time sends in
 *                 this order, so per-key order holds
 * @param traceParent the W3C {@code traceparent} of what published it, continued by the relay; null where none
 */
record OutboxMessage(long position, String eventId, String eventType, String topic, String messageKey, String source,
        String schemaVersion, Instant occurredAt, String payload, String traceParent) {

    /** The same row at the position the database gave it. */
    OutboxMessage at(long databasePosition) {
        return new OutboxMessage(databasePosition, eventId, eventType, topic, messageKey, source, schemaVersion,
                occurredAt, payload, traceParent);
    }
}
