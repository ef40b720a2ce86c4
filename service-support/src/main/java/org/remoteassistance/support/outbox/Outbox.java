package org.remoteassistance.support.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.EventData;
import org.remoteassistance.events.EventType;

/**
 * Publishes an event as part of the caller's transaction: the row commits with the state change or not at all, and the
 * relay is woken the moment the transaction commits.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    OutboxRelay relay;

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    @Transactional(Transactional.TxType.MANDATORY)
    public <T extends EventData> CloudEvent<T> publish(EventType<T> type, T data) {
        // what this service publishes must pass what every consumer checks
        Instant now = Instant.now();
        data.validate(now);
        data.validateAs(type);
        CloudEvent<T> event = new CloudEvent<>(UUID.randomUUID().toString(), type, "/" + applicationName,
                now, CloudEventCodec.SCHEMA_VERSION, data);
        OutboxMessage message = new OutboxMessage();
        message.eventId = event.id();
        message.eventType = type.name();
        message.topic = type.topic();
        message.messageKey = event.key();
        message.source = event.source();
        message.schemaVersion = event.schemaVersion();
        message.occurredAt = event.time();
        message.payload = CloudEventCodec.dataJson(data);
        message.persist();
        transactions.registerInterposedSynchronization(new WakeRelayOnCommit(relay));
        return event;
    }

    private record WakeRelayOnCommit(OutboxRelay relay) implements Synchronization {

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                relay.wake();
            }
        }
    }
}
