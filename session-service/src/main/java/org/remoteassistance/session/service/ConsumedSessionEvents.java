package org.remoteassistance.session.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.InvalidEventException;
import org.remoteassistance.events.NotificationIssued;
import org.remoteassistance.events.SessionAcknowledged;
import org.remoteassistance.events.SessionRejected;
import org.remoteassistance.events.SessionRequested;
import org.remoteassistance.session.config.SessionSettings;
import org.remoteassistance.session.domain.Actor;
import org.remoteassistance.session.domain.AuditAction;
import org.remoteassistance.session.domain.Outcome;
import org.remoteassistance.session.domain.PartnerSession;
import org.remoteassistance.session.domain.RemoteAssistanceSession;
import org.remoteassistance.session.domain.RemoteAssistanceSessions;
import org.remoteassistance.session.domain.SessionTerms;
import org.remoteassistance.support.security.DeviceScope;

/**
 * Applies the session events other services publish. Each event is applied once (the inbox remembers it in the same
 * transaction); one that arrives late or twice never moves a session backwards. Each lands on the audit trail as a
 * system entry named after the event's source, an ignored one too (a late or second acknowledgement is worth seeing).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ConsumedSessionEvents {

    @Inject
    SessionSettings settings;

    @Inject
    RemoteAssistanceSessions sessions;

    @Inject
    SessionAdmission admission;

    @Inject
    SessionAuditTrail audit;

    @Inject
    SessionMetrics metrics;

    /**
     * A session requested by any publisher. Our own (already stored) changes nothing; another publisher's is taken in
     * under the API's rules, and one that breaks them is recorded as {@code REJECTED} here, with the reason.
     */
    public void requested(CloudEvent<SessionRequested> event) {
        SessionRequested data = event.data();
        if (sessions.findByIdOptional(data.sessionId()).isPresent()) {
            return;
        }
        Instant now = Instant.now();
        Optional<SessionRefusedException> refusal = admission.refusal(data.deviceId(),
                data.nonCompliantAcknowledged(), DeviceScope.ofRequester(data));
        SessionTerms terms = SessionTerms.of(data.maxDurationMinutes(), settings.maxDuration(), data.reason(),
                data.ticketId(), data.showReasonToUser(), data.acknowledgeNonCompliant());
        RemoteAssistanceSession session = refusal
                .map(refused -> RemoteAssistanceSession.rejectedOnArrival(data.sessionId(), data.deviceId(),
                        data.requestedBy(), data.requestedAt(), terms, refused.reason().name(), refused.detail(),
                        now))
                .orElseGet(() -> RemoteAssistanceSession.requested(data.sessionId(), data.deviceId(),
                        data.requestedBy(), data.requestedAt(), terms, null));
        sessions.persist(session);
        // a concurrent request for the same device fails here, on the one-open-session index
        sessions.flush();
        metrics.step(SessionMetrics.Step.REQUESTED);
        if (refusal.isPresent()) {
            metrics.step(SessionMetrics.Step.REJECTED);
        }
        // the person the publisher names, acting through a system
        audit.record(session, AuditAction.REQUESTED, Actor.system(data.requestedBy()), "Requested through "
                + event.source() + refusal.map(refused -> "; rejected here: " + refused.reason() + ". "
                        + refused.detail()).orElse(".")
                + Optional.ofNullable(SessionAuditTrail.requestDetail(session,
                        refusal.isEmpty() && data.nonCompliantAcknowledged()
                                && admission.nonCompliant(data.deviceId()))).map(detail -> " " + detail).orElse(""),
                now);
    }

    /** The partner created its session: the code and the links become known. */
    public void acknowledged(CloudEvent<SessionAcknowledged> event) {
        SessionAcknowledged data = event.data();
        RemoteAssistanceSession session = sessionOf(data.sessionId(), data.deviceId());
        Outcome outcome = session.acknowledge(new PartnerSession(data.partner(), data.sessionCode(),
                data.supporterLink(), data.endCustomerLink(), data.validUntil()), event.time());
        if (outcome != Outcome.UNCHANGED) {
            metrics.step(SessionMetrics.Step.ACKNOWLEDGED);
            metrics.acknowledged(Duration.between(session.requestedAt(), session.acknowledgedAt()));
        }
        // never the code or the links: the trail is read by more people than the session
        audit.record(session, AuditAction.ACKNOWLEDGED, source(event), outcome == Outcome.UNCHANGED
                ? "Ignored: the session was already " + session.status() + "; partner " + data.partner()
                        + " acknowledged it again."
                : "Partner " + data.partner() + ", code valid until " + data.validUntil() + ".", Instant.now());
    }

    /** The connector or the partner could not start it. */
    public void rejected(CloudEvent<SessionRejected> event) {
        SessionRejected data = event.data();
        RemoteAssistanceSession session = sessionOf(data.sessionId(), data.deviceId());
        Outcome outcome = session.reject(data.reason(), data.detail(), data.rejectedAt());
        if (outcome != Outcome.UNCHANGED) {
            metrics.step(SessionMetrics.Step.REJECTED);
        }
        String why = data.reason() + (data.detail() == null ? "." : ": " + data.detail());
        audit.record(session, AuditAction.REJECTED, source(event), outcome == Outcome.UNCHANGED
                ? "Ignored: the session was already " + session.status() + ". " + why : why, Instant.now());
    }

    /** The device got its Company Portal notification. */
    public void notified(CloudEvent<NotificationIssued> event) {
        NotificationIssued data = event.data();
        RemoteAssistanceSession session = sessionOf(data.sessionId(), data.deviceId());
        Outcome outcome = session.recordNotified(data.issuedAt());
        if (outcome != Outcome.UNCHANGED) {
            metrics.step(SessionMetrics.Step.NOTIFIED);
            metrics.notified(Duration.between(session.requestedAt(), session.notifiedAt()));
        }
        audit.record(session, AuditAction.NOTIFIED, source(event), "Notification " + data.notificationId() + " on "
                + data.channel() + (outcome == Outcome.UNCHANGED ? "; the device was first notified at "
                        + session.notifiedAt() + "." : "."), Instant.now());
    }

    /** Entries caused by another service's event name that service, as its CloudEvents source says. */
    private static Actor source(CloudEvent<?> event) {
        return Actor.system(event.source());
    }

    private RemoteAssistanceSession sessionOf(UUID sessionId, UUID deviceId) {
        RemoteAssistanceSession session = sessions.findForUpdate(sessionId)
                .orElseThrow(() -> new SessionNotFoundException(sessionId));
        if (!session.deviceId().equals(deviceId)) {
            throw new InvalidEventException("session " + sessionId + " belongs to device " + session.deviceId()
                    + ", not to device " + deviceId);
        }
        return session;
    }
}
