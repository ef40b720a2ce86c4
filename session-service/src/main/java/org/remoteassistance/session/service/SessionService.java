package org.remoteassistance.session.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.remoteassistance.session.config.SessionSettings;
import org.remoteassistance.session.domain.Actor;
import org.remoteassistance.session.domain.AuditAction;
import org.remoteassistance.events.EndReason;
import org.remoteassistance.session.domain.Outcome;
import org.remoteassistance.session.domain.RemoteAssistanceSession;
import org.remoteassistance.session.domain.RemoteAssistanceSessions;
import org.remoteassistance.session.domain.SessionTerms;
import org.remoteassistance.session.domain.SessionListing;
import org.remoteassistance.session.domain.SessionStatus;
import org.remoteassistance.support.security.DeviceScope;

/**
 * The admin's and the device user's actions on sessions. Each runs in one transaction with the events it causes and
 * its audit entry.
 */
@ApplicationScoped
@Transactional
public class SessionService {

    @Inject
    SessionSettings settings;

    @Inject
    RemoteAssistanceSessions sessions;

    @Inject
    SessionAdmission admission;

    @Inject
    SessionAnnouncements announcements;

    @Inject
    SessionAuditTrail audit;

    /**
     * Opens a session for a device that takes one and publishes {@code SessionRequested}. A repeated request with the
     * same idempotency key from the same caller answers with the session the first one created; a key is scoped to its
     * caller, so another caller's same key is a request of its own.
     *
     * @throws UnknownDeviceException        the device is not known, or outside the requester's scope
     * @throws DeviceRetiredException        the device is retired
     * @throws SessionAlreadyOpenException   the device has an open session
     * @throws IdempotencyKeyReusedException the key was used for another device
     */
    public RemoteAssistanceSession request(SessionRequest request) {
        if (request.idempotencyKey() != null) {
            Optional<RemoteAssistanceSession> earlier = sessions.findByIdempotencyKey(
                    request.requestedBy().name(), request.idempotencyKey());
            if (earlier.isPresent()) {
                if (!earlier.get().deviceId().equals(request.deviceId())) {
                    throw new IdempotencyKeyReusedException(earlier.get().id(), earlier.get().deviceId());
                }
                return earlier.get();
            }
        }
        admission.refusal(request.deviceId(), request.acknowledgeNonCompliant(), request.reach()).ifPresent(refusal -> {
            throw refusal;
        });
        RemoteAssistanceSession session = RemoteAssistanceSession.requested(UUID.randomUUID(), request.deviceId(),
                request.requestedBy().name(), Instant.now(),
                SessionTerms.of(request.maxDurationMinutes(), settings.maxDuration(), request.reason(),
                        request.ticketId(), request.showReasonToUser(), request.acknowledgeNonCompliant()),
                request.idempotencyKey());
        sessions.persist(session);
        // a concurrent request for the same device (or key) fails here, on the unique indexes, not at commit
        sessions.flush();
        announcements.requested(session, request.reach());
        audit.record(session, AuditAction.REQUESTED, request.requestedBy(),
                // only an acknowledged request gets here for a non-compliant device: no second look-up otherwise
                SessionAuditTrail.requestDetail(session,
                        session.nonCompliantAcknowledged() && admission.nonCompliant(session.deviceId())),
                session.requestedAt());
        return session;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RemoteAssistanceSession get(UUID id) {
        return sessions.findByIdOptional(id).orElseThrow(() -> new SessionNotFoundException(id));
    }

    /** Sessions newest first, optionally of one device and in one status, of the devices within reach. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public SessionListing list(UUID deviceId, SessionStatus status, DeviceScope reach, int page, int size) {
        return sessions.search(deviceId, status, reach, page, size);
    }

    /**
     * The admin starts: the session becomes {@code IN_PROGRESS} once the device user has allowed it too. Every start
     * is audited, a repeated one too, since each hands out the code and the supporter link.
     */
    public RemoteAssistanceSession start(UUID id, Actor actor) {
        RemoteAssistanceSession session = forUpdate(id);
        Instant now = Instant.now();
        Outcome outcome = session.adminStart(now);
        announcements.announce(session, outcome);
        audit.record(session, AuditAction.STARTED, actor, switch (outcome) {
            case RECORDED -> "Waiting for the device user to allow the session.";
            case STARTED -> "The device user had allowed it: the session is in progress.";
            default -> "Started before; the session code and supporter link were handed out again.";
        }, now);
        return session;
    }

    /**
     * Sends the device's notification again: recorded on the session and the trail, and asked of notification-service
     * with {@code NotificationResendRequested}.
     */
    public RemoteAssistanceSession resendNotification(UUID id, Actor actor) {
        RemoteAssistanceSession session = forUpdate(id);
        Instant now = Instant.now();
        int resend = session.resendNotification(settings.maxResends());
        announcements.resendRequested(session, resend, actor, now);
        audit.record(session, AuditAction.RESENT, actor, "Resend " + resend + " of at most " + settings.maxResends()
                + ".", now);
        return session;
    }

    /** The device user's answer: allowed (and started by the admin) is {@code IN_PROGRESS}; declined ends it. */
    public RemoteAssistanceSession respond(UUID id, boolean allow, Actor actor) {
        RemoteAssistanceSession session = forUpdate(id);
        Instant now = Instant.now();
        Outcome outcome = allow ? session.deviceAllows(now) : session.deviceDeclines(now);
        announcements.announce(session, outcome);
        audit.record(session, AuditAction.answer(allow), actor, switch (outcome) {
            case RECORDED -> "Waiting for the admin to start the session.";
            case STARTED -> "The admin had started it: the session is in progress.";
            case ENDED -> "The session ended with " + EndReason.DECLINED + ".";
            case UNCHANGED -> "Answered the same before; nothing changed.";
        }, now);
        return session;
    }

    /** Either side ends the session; ending one that is already over changes nothing. */
    public RemoteAssistanceSession end(UUID id, EndReason reason, Actor actor) {
        RemoteAssistanceSession session = forUpdate(id);
        Instant now = Instant.now();
        Outcome outcome = session.end(reason, now);
        announcements.announce(session, outcome);
        audit.record(session, AuditAction.ENDED, actor, outcome == Outcome.ENDED ? "Reason " + reason + "."
                : "Asked with reason " + reason + "; the session was already over, nothing changed.", now);
        return session;
    }

    private RemoteAssistanceSession forUpdate(UUID id) {
        return sessions.findForUpdate(id).orElseThrow(() -> new SessionNotFoundException(id));
    }
}
