package org.remoteassistance.connector.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.remoteassistance.connector.service.PartnerSessionWorkflow;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.SessionRequested;
import org.remoteassistance.support.inbox.IncomingEvents;
import org.remoteassistance.support.shutdown.Drained;

/** {@code SessionRequested}, from session-service or any other publisher: open a partner session or reject. */
@ApplicationScoped
@Drained
public class SessionRequestedConsumer {

    static final String SESSION_REQUESTED = "session-requested";

    @Inject
    IncomingEvents events;

    @Inject
    PartnerSessionWorkflow workflow;

    /**
     * Blocking, on a worker pool of its own ({@code smallrye.messaging.worker.session-requests.max-concurrency}
     * requests at once): each request waits on the database and on the partner's HTTP API, so serving them one by one
     * would leave the connector idle while requests queue. Requests need no order among themselves: a redelivery
     * meeting its original is settled by the inbox, two requests for one device by the one-open-partner-session index,
     * and Kafka offsets are committed only up to the oldest request still being served.
     */
    @Incoming(SESSION_REQUESTED)
    @Blocking(value = "session-requests", ordered = false)
    public void on(ConsumerRecord<String, String> record) {
        // decoding holds the request to the contract, exactly as session- and device-service do
        CloudEvent<SessionRequested> event = events.decode(EventType.SESSION_REQUESTED, record);
        events.retryingPassingFailures(EventType.SESSION_REQUESTED, record, () -> workflow.requested(event));
    }
}
