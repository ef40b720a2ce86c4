package org.remoteassistance.support.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hibernate.Session;
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

    /**
     * Records the events as processed by {@code consumer}, in one statement.
     *
     * @return the ids of those delivered for the first time (a redelivered one is not among them)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> firstDeliveries(List<CloudEvent<?>> events, String consumer) {
        String[] ids = events.stream().map(CloudEvent::id).toArray(String[]::new);
        String[] types = events.stream().map(event -> event.type().name()).toArray(String[]::new);
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO processed_event (consumer, event_id, event_type, processed_at)
                    SELECT ?, e.id, e.type, now() FROM unnest(?::varchar[], ?::varchar[]) AS e(id, type)
                    ON CONFLICT DO NOTHING
                    RETURNING event_id""")) {
                Array idArray = connection.createArrayOf("varchar", ids);
                Array typeArray = connection.createArrayOf("varchar", types);
                insert.setString(1, consumer);
                insert.setArray(2, idArray);
                insert.setArray(3, typeArray);
                Set<String> first = new HashSet<>();
                try (ResultSet inserted = insert.executeQuery()) {
                    while (inserted.next()) {
                        first.add(inserted.getString(1));
                    }
                }
                return first;
            }
        });
    }
}
