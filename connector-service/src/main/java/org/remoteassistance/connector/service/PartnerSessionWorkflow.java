package org.remoteassistance.connector.service;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;
import org.remoteassistance.events.RejectReason;
import org.remoteassistance.support.inbox.EventArrivals;
import org.remoteassistance.connector.config.ConnectorSettings;
import org.remoteassistance.connector.partner.PartnerClient;
import org.remoteassistance.connector.partner.PartnerException;
import org.remoteassistance.connector.partner.PartnerRefusedException;
import org.remoteassistance.connector.partner.PartnerSession;
import org.remoteassistance.connector.partner.PartnerUnavailableException;
import org.remoteassistance.connector.partner.SessionRequest;
import org.remoteassistance.connector.service.PartnerSessionService.Wait;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.InvalidEventException;
import org.remoteassistance.events.SessionAcknowledged;
import org.remoteassistance.events.SessionEnded;
import org.remoteassistance.events.SessionRequested;
import org.remoteassistance.support.failure.PassingFailures;
import org.remoteassistance.support.failure.PostgresErrors;

/**
 * Opens and closes partner sessions for remote assistance sessions. Not transactional on purpose: each partner call
 * (with its retries) happens between the short transactions of {@link PartnerSessionService}, never inside one.
 */
@ApplicationScoped
public class PartnerSessionWorkflow {

    private static final Logger LOG = Logger.getLogger(PartnerSessionWorkflow.class);

    @Inject
    PartnerClient partner;

    @Inject
    PartnerSessionService sessions;

    @Inject
    ConnectorService connectors;

    @Inject
    ConnectorSettings settings;

    @Inject
    EventArrivals arrivals;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /**
     * Deliveries of one session's request are served one at a time: requests are served side by side, so a redelivery
     * could otherwise pass the duplicate check while the first delivery waits for the partner, and ask for a second
     * partner session. The pipeline serves one record key at a time, but the key is the publisher's to set (a request
     * published again under another key); these locks hold whatever the key. Striped by session id: a few locks, none
     * to forget.
     */
    private final ReentrantLock[] requestLocks = java.util.stream.Stream.generate(ReentrantLock::new).limit(256)
            .toArray(ReentrantLock[]::new);

    /** A session was requested: acknowledge it with a new partner session, or reject it with the reason. */
    public void requested(CloudEvent<SessionRequested> event) {
        ReentrantLock lock = requestLocks[Math.floorMod(event.data().sessionId().hashCode(), requestLocks.length)];
        lock.lock();
        try {
            serve(event);
        } finally {
            lock.unlock();
        }
    }

    private void serve(CloudEvent<SessionRequested> event) {
        PartnerSessionService.Decision decision = decide(event);
        if (!(decision instanceof PartnerSessionService.CreateAtPartner create)) {
            return;
        }
        SessionRequested request = event.data();
        PartnerSession created;
        try {
            created = partner.createSession(create.token(),
                    new SessionRequest(request.sessionId().toString(), null));
        } catch (PartnerException e) {
            if (e instanceof PartnerRefusedException refused && refused.tokenRefused()) {
                connectors.tokenRefused(refused.getMessage());
            }
            LOG.warnf("The partner did not create a session for %s: %s", request.sessionId(), e.getMessage());
            sessions.reject(event, RejectReason.PARTNER_REFUSED, e.getMessage());
            return;
        }
        String missing = missing(created);
        if (missing != null) {
            closeSurplus(create.token(), created);
            sessions.reject(event, RejectReason.PARTNER_REFUSED, "The partner's session lacks " + missing);
            return;
        }
        Optional<String> unfit = unfit(request, created);
        if (unfit.isPresent()) {
            // an acknowledgement every consumer would dead-letter: the session could never start
            closeSurplus(create.token(), created);
            sessions.reject(event, RejectReason.PARTNER_REFUSED, "The partner's session does not fit the event "
                    + "contract: " + unfit.get());
            return;
        }
        boolean recorded;
        try {
            // while the database is away the new code waits to be recorded: closing it and asking the partner for
            // another on a redelivery would, if the commit did happen, close the code the device was given
            recorded = PassingFailures.retry("recording the partner session of " + request.sessionId(),
                    () -> sessions.created(event, created));
        } catch (RuntimeException e) {
            // nothing was recorded, so the partner session would be an orphan: close it before anything else
            closeSurplus(create.token(), created);
            if (PostgresErrors.isUniqueViolation(e)) {
                sessions.reject(event, RejectReason.SESSION_ALREADY_OPEN,
                        "The device " + request.deviceId() + " already has an open partner session");
                return;
            }
            throw e;
        }
        if (!recorded) {
            closeSurplus(create.token(), created);
        }
    }

    /**
     * A session ended (in the consumer's transaction): its partner session is closed once that commits, on a worker
     * thread, never inside the transaction; if the close fails or the process stops first, the session stays
     * {@code CLOSE_PENDING} and {@link PendingCloses} closes it later.
     */
    public void ended(CloudEvent<SessionEnded> event) {
        sessions.ended(event).ifPresent(toClose -> transactions.registerInterposedSynchronization(
                new CloseAfterCommit(toClose)));
    }

    private final class CloseAfterCommit implements Synchronization {

        private final PartnerSessionRows.ToClose toClose;

        CloseAfterCommit(PartnerSessionRows.ToClose toClose) {
            this.toClose = toClose;
        }

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status != Status.STATUS_COMMITTED) {
                return;
            }
            Infrastructure.getDefaultWorkerPool().execute(() -> {
                try {
                    close(toClose);
                } catch (RuntimeException e) {
                    LOG.warnf("The partner session of %s will be closed later: %s", toClose.sessionId(),
                            PassingFailures.summary(e));
                }
            });
        }
    }

    /** Closes again the partner session of a remote assistance session whose close failed before. */
    public void closeAgain(UUID sessionId) {
        sessions.toCloseAgain(sessionId).ifPresent(this::close);
    }

    /** Closes the partner session of a remote assistance session that has ended. */
    private void close(PartnerSessionRows.ToClose toClose) {
        UUID sessionId = toClose.sessionId();
        if (toClose.validUntil() != null && toClose.validUntil().isBefore(Instant.now())) {
            // past its validity the partner has let the code die on its own
            sessions.closed(sessionId, toClose.validUntil());
            return;
        }
        ConnectorToken token = connectors.usableToken();
        if (token instanceof ConnectorToken.Unusable unusable) {
            sessions.closeFailed(sessionId, unusable.detail());
            return;
        }
        try {
            PartnerSession closed = partner.closeSession(((ConnectorToken.Usable) token).token(), toClose.code());
            sessions.closed(sessionId, closed.closedAt());
        } catch (PartnerRefusedException e) {
            if (e.tokenRefused()) {
                connectors.tokenRefused(e.getMessage());
                sessions.closeFailed(sessionId, e.getMessage());
            } else {
                // an unknown or already closed code is dead at the partner, which is all closing is for
                LOG.infof("The partner session of %s counts as closed: %s", sessionId, e.getMessage());
                sessions.closed(sessionId, Instant.now());
            }
        } catch (PartnerUnavailableException e) {
            LOG.warnf("The partner session of %s will be closed later: %s", sessionId, e.getMessage());
            sessions.closeFailed(sessionId, e.getMessage());
        }
    }

    /**
     * Decides, waiting where what settles the request travels on another topic and may still be on its way: the
     * devices topic and the requests topic are consumed independently, so a request can overtake the event of a
     * device registered a moment before it ({@code unknown-device-grace}); and the session service takes a new request
     * for a device only after its previous session ended, whose {@code SessionEnded} may not be here yet
     * ({@code earlier-session-grace}, from when it is first seen open). One transaction per look; a look is taken
     * again when this instance applies an event, not after a fixed sleep.
     */
    private PartnerSessionService.Decision decide(CloudEvent<SessionRequested> event) {
        Instant started = Instant.now();
        Instant deviceDeadline = started.plus(settings.unknownDeviceGrace());
        Instant earlierDeadline = null;
        while (true) {
            long seen = arrivals.seen();
            Instant now = Instant.now();
            EnumSet<Wait.Reason> mayWait = EnumSet.noneOf(Wait.Reason.class);
            if (now.isBefore(deviceDeadline)) {
                mayWait.add(Wait.Reason.DEVICE_UNKNOWN);
            }
            if (earlierDeadline == null || now.isBefore(earlierDeadline)) {
                mayWait.add(Wait.Reason.EARLIER_SESSION_OPEN);
            }
            PartnerSessionService.Decision decision = sessions.decide(event, mayWait);
            if (!(decision instanceof Wait wait)) {
                return decision;
            }
            Instant deadline;
            if (wait.reason() == Wait.Reason.DEVICE_UNKNOWN) {
                deadline = deviceDeadline;
            } else {
                if (earlierDeadline == null) {
                    earlierDeadline = now.plus(settings.earlierSessionGrace());
                }
                deadline = earlierDeadline;
            }
            arrivals.awaitAfter(seen, deadline);
        }
    }

    private void closeSurplus(String token, PartnerSession surplus) {
        try {
            partner.closeSession(token, surplus.code());
        } catch (PartnerException e) {
            LOG.warnf("A surplus partner session could not be closed; it expires at %s: %s", surplus.validUntil(),
                    e.getMessage());
        }
    }

    private static String missing(PartnerSession session) {
        if (session.supporterLink() == null || session.supporterLink().isBlank()) {
            return "a supporter link";
        }
        if (session.endCustomerLink() == null || session.endCustomerLink().isBlank()) {
            return "an end customer link";
        }
        if (session.validUntil() == null) {
            return "a validity";
        }
        return null;
    }

    /** Why the acknowledgement of this partner session would break the contract, if it would. */
    private static Optional<String> unfit(SessionRequested request, PartnerSession created) {
        try {
            new SessionAcknowledged(request.sessionId(), request.deviceId(), PartnerSessionService.PARTNER,
                    created.code(), created.supporterLink(), created.endCustomerLink(), created.validUntil())
                    .validate(Instant.now());
            return Optional.empty();
        } catch (InvalidEventException e) {
            return Optional.of(e.getMessage());
        }
    }
}
