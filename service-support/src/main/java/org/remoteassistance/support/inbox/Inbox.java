package org.remoteassistance.support.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.remoteassistance.events.CloudEvent;

/**
 * Remembers the events this service has processed, in the same transaction as their effect, so that a redelivered
 * event changes nothing.
 */
@ApplicationScoped
public class Inbox {

    @Inject
    EntityManager entityManager;

    /**
     * Records the event as processed by {@code consumer}.
     *
     * @return {@code true} the first time, {@code false} for a redelivery (the caller then does nothing)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(CloudEvent<?> event, String consumer) {
        int inserted = entityManager.createNativeQuery("""
                INSERT INTO processed_event (consumer, event_id, event_type, processed_at)
                VALUES (:consumer, :eventId, :eventType, now())
                ON CONFLICT DO NOTHING""")
                .setParameter("consumer", consumer)
                .setParameter("eventId", event.id())
                .setParameter("eventType", event.type().name())
                .executeUpdate();
        return inserted == 1;
    }
}
