package org.remoteassistance.session.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.function.ToIntFunction;
import org.jboss.logging.Logger;
import org.remoteassistance.session.config.SessionSettings;
import org.remoteassistance.session.domain.SessionTerms;

/**
 * Runs the expiry and the time limits every {@code remote-assistance.sessions.expiry-check-interval}. Safe with several
 * instances: each batch locks its sessions with SKIP LOCKED, so instances share the work instead of repeating it.
 */
@ApplicationScoped
public class ExpiryJob {

    private static final Logger LOG = Logger.getLogger(ExpiryJob.class);

    @Inject
    SessionExpiry expiry;

    @Inject
    SessionSettings settings;

    /** A default time limit outside 1 minute to 24 hours stops the service at start, saying which setting is wrong. */
    void checkSettings(@Observes StartupEvent start) {
        try {
            new SessionTerms(settings.maxDuration());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("remote-assistance.sessions.max-duration: " + e.getMessage(), e);
        }
    }

    @Scheduled(identity = "session-expiry", every = "${remote-assistance.sessions.expiry-check-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireUnacceptedSessions() {
        try {
            int expired = drain(expiry::expireBatch);
            if (expired > 0) {
                LOG.infof("Expired %d session(s) not accepted within %s", expired, settings.expireAfter());
            }
            int limited = drain(expiry::endAtTimeLimitBatch);
            if (limited > 0) {
                LOG.infof("Ended %d session(s) at their time limit", limited);
            }
        } catch (RuntimeException e) {
            // the next run tries again; a database outage must not flood the log with stack traces
            LOG.warnf("Session expiry will retry at the next run: %s", e.getMessage());
        }
    }

    /** Runs batches until one is not full; returns how many sessions they took. */
    private int drain(ToIntFunction<Instant> batch) {
        int taken;
        int total = 0;
        do {
            taken = batch.applyAsInt(Instant.now());
            total += taken;
        } while (taken == settings.expiryBatchSize());
        return total;
    }
}
