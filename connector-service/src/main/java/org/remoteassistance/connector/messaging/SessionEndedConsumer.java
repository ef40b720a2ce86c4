package org.remoteassistance.connector.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.remoteassistance.connector.service.PartnerSessionWorkflow;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.SessionEnded;
import org.remoteassistance.support.inbox.IncomingEvents;
import org.remoteassistance.support.shutdown.Drained;

/** {@code SessionEnded} (ended or expired): the partner session is closed and its code dies. */
@ApplicationScoped
@Drained
public class SessionEndedConsumer {

    @Inject
    IncomingEvents events;

    @Inject
    PartnerSessionWorkflow workflow;

    @Incoming(Channels.SESSION_ENDED)
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        // any SessionEnded closes a partner session: decoding lets through only the ends the contract names
        CloudEvent<SessionEnded> event = events.decode(EventType.SESSION_ENDED, record);
        events.retryingPassingFailures(EventType.SESSION_ENDED, record, () -> workflow.ended(event));
    }
}
