package org.remoteassistance.session.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.remoteassistance.session.config.SessionSettings;

/**
 * Runs the expiry every {@code remote-assistance.sessions.expiry-check-interval}. Safe with several instances: each
 * batch locks its sessions with SKIP LOCKED, so instances share the work instead of repeating it.
 */
@ApplicationScoped
public class ExpiryJob {

    private static final Logger LOG = Logger.getLogger(ExpiryJob.class);

    @Inject
    SessionExpiry expiry;

    @Inject
    SessionSettings settings;

    @Scheduled(identity = "session-expiry", every = "${remote-assistance.sessions.expiry-check-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireUnacceptedSessions() {
        try {
            int expired;
            int total = 0;
            do {
                expired = expiry.expireBatch(Instant.now());
                total += expired;
            } while (expired == settings.expiryBatchSize());
            if (total > 0) {
                LOG.infof("Expired %d session(s) not accepted within %s", total, settings.expireAfter());
            }
        } catch (RuntimeException e) {
            // the next run tries again; a database outage must not flood the log with stack traces
            LOG.warnf("Session expiry will retry at the next run: %s", e.getMessage());
        }
    }
}
