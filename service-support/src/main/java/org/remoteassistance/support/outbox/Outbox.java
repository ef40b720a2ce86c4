package org.remoteassistance.support.outbox;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.EventData;
import org.remoteassistance.events.EventType;
import org.remoteassistance.support.tracing.EventTraces;

/**
 * Publishes an event as part of the caller's transaction: the row commits with the state change or not at all, and the
 * relay is handed them the moment the transaction commits. A transaction's events are written together, in one
 * statement, just before it commits (after the ORM's own flush), in the order they were published.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxRelay relay;

    @Inject
    EventTraces traces;

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    /** The key under which a transaction keeps the rows it has yet to write. */
    private final Object pendingKey = new Object();

    @Transactional(Transactional.TxType.MANDATORY)
    public <T extends EventData> CloudEvent<T> publish(EventType<T> type, T data) {
        // what this service publishes must pass what every consumer checks
        Instant now = Instant.now();
        data.validate(now);
        data.validateAs(type);
        CloudEvent<T> event = new CloudEvent<>(UUID.randomUUID().toString(), type, "/" + applicationName,
                now, CloudEventCodec.SCHEMA_VERSION, data);
        pending().add(new OutboxMessage(0, event.id(), type.name(), type.topic(), event.key(), event.source(),
                event.schemaVersion(), event.time(), CloudEventCodec.dataJson(data), traces.currentParent()));
        return event;
    }

    private List<OutboxMessage> pending() {
        @SuppressWarnings("unchecked")
        List<OutboxMessage> rows = (List<OutboxMessage>) transactions.getResource(pendingKey);
        if (rows == null) {
            rows = new ArrayList<>();
            transactions.putResource(pendingKey, rows);
            // the transaction's connection is enlisted now: no resource may join the transaction while it commits
            try (Connection enlisted = dataSource.getConnection()) {
                transactions.registerInterposedSynchronization(new WriteBeforeCommit(rows));
            } catch (SQLException e) {
                throw new IllegalStateException("no database connection for the outbox: " + e.getMessage(), e);
            }
        }
        return rows;
    }

    /**
     * Writes the transaction's rows as it commits, on its connection (the data source hands the one enlisted in the
     * transaction): an interposed synchronization runs after the ORM has flushed, and a failure here rolls the whole
     * transaction back, state change included. Once committed, the rows are handed to the relay from memory.
     */
    private final class WriteBeforeCommit implements Synchronization {

        private final List<OutboxMessage> rows;
        private List<OutboxMessage> written;

        WriteBeforeCommit(List<OutboxMessage> rows) {
            this.rows = rows;
        }

        @Override
        public void beforeCompletion() {
            if (transactions.getTransactionStatus() == Status.STATUS_MARKED_ROLLBACK) {
                return;
            }
            try (Connection connection = dataSource.getConnection()) {
                written = OutboxTable.insert(connection, rows);
            } catch (SQLException e) {
                throw new IllegalStateException("the outbox rows could not be written: " + e.getMessage(), e);
            }
            relay.committing(written);
        }

        @Override
        public void afterCompletion(int status) {
            if (written != null) {
                relay.finished(written, status == Status.STATUS_COMMITTED);
            }
        }
    }
}
