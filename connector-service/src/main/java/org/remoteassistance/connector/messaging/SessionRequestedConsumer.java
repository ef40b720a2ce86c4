package org.remoteassistance.connector.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.remoteassistance.connector.config.ConnectorSettings;
import org.remoteassistance.connector.service.PartnerSessionWorkflow;
import org.remoteassistance.events.EventType;
import org.remoteassistance.support.inbox.EventHandlers;
import org.remoteassistance.support.inbox.EventPipeline;
import org.remoteassistance.support.shutdown.Drained;

/**
 * {@code SessionRequested}, from session-service or any other publisher: open a partner session or reject, through
 * the {@link EventPipeline} like every consumed event, but outside its transactions: each request waits on the
 * partner's HTTP API, and sometimes for its device's registration or the end of the device's previous session (which
 * travel on the other channel, {@link EventsConsumer}), so requests are served {@code requests-at-once} side by side,
 * in order per session, while the poll goes on. A request that waits holds up no other. A redelivery meeting its
 * original is settled by the inbox, two requests for one device by the one-open-partner-session index, and Kafka
 * offsets are committed only up to the oldest request still being served.
 */
@ApplicationScoped
@Drained
public class SessionRequestedConsumer {

    static final String SESSION_REQUESTED = "session-requested";

    @Inject
    EventPipeline pipeline;

    @Inject
    PartnerSessionWorkflow workflow;

    @Inject
    ConnectorSettings settings;

    private EventHandlers handlers;

    @PostConstruct
    void handlers() {
        handlers = new EventHandlers()
                .on(EventType.SESSION_REQUESTED, workflow::requested)
                .outsideTransactions(settings.requestsAtOnce());
    }

    @Incoming(SESSION_REQUESTED)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return pipeline.consume(batch, handlers);
    }
}
