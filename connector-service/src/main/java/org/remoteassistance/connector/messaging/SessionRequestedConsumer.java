package org.remoteassistance.connector.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.remoteassistance.connector.service.PartnerSessionWorkflow;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.InvalidEventException;
import org.remoteassistance.events.SessionRequested;
import org.remoteassistance.support.inbox.IncomingEvents;

/** {@code SessionRequested}, from session-service or any other publisher: open a partner session or reject. */
@ApplicationScoped
public class SessionRequestedConsumer {

    @Inject
    IncomingEvents events;

    @Inject
    PartnerSessionWorkflow workflow;

    /** Blocking (ordered, on a worker thread): it calls the database and the partner's HTTP API. */
    @Incoming(Channels.SESSION_REQUESTED)
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        CloudEvent<SessionRequested> event = events.decode(EventType.SESSION_REQUESTED, record);
        Optional<String> violation = EventRules.violation(event.data());
        if (violation.isPresent()) {
            throw events.rejected(EventType.SESSION_REQUESTED, record, new InvalidEventException(violation.get()));
        }
        events.retryingPassingFailures(EventType.SESSION_REQUESTED, record, () -> workflow.requested(event));
    }
}
