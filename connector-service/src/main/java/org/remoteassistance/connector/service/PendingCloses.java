package org.remoteassistance.connector.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Tries again to close partner sessions whose close failed (partner down, connector disconnected). Closing twice is
 * harmless, so instances need not coordinate.
 */
@ApplicationScoped
public class PendingCloses {

    @Inject
    PartnerSessionService sessions;

    @Inject
    PartnerSessionWorkflow workflow;

    @Scheduled(every = "${remote-assistance.partner.close-retry-interval}", delayed = "${remote-assistance.partner.close-retry-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retry() {
        for (UUID sessionId : sessions.closePending()) {
            workflow.closeAgain(sessionId);
        }
    }
}
