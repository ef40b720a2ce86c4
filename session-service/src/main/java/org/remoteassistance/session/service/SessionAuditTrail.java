package org.remoteassistance.session.service;

import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.remoteassistance.session.domain.Actor;
import org.remoteassistance.session.domain.AuditAction;
import org.remoteassistance.session.domain.AuditOutcome;
import org.remoteassistance.session.domain.RemoteAssistanceSession;
import org.remoteassistance.session.domain.RemoteAssistanceSessions;
import org.remoteassistance.session.domain.SessionAuditEntries;
import org.remoteassistance.session.domain.SessionAuditEntries.AuditFilter;
import org.remoteassistance.session.domain.SessionAuditEntry;
import org.remoteassistance.session.messaging.AuditEvents;
import org.remoteassistance.session.messaging.SessionAuditRecorded;
import org.remoteassistance.support.outbox.Outbox;

/**
 * The audit trail: who requested, started, answered and ended which session on which device, when, and how it came
 * out, plus what other services and the expiry did to it. Each entry is written in the transaction of the change it
 * records and published for a SIEM through the outbox in that same transaction, so the trail, the state and the
 * published events never disagree.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class SessionAuditTrail {

    @Inject
    SessionAuditEntries entries;

    @Inject
    RemoteAssistanceSessions sessions;

    @Inject
    Outbox outbox;

    @Inject
    SessionMetrics metrics;

    /**
     * What a request's entry says of its terms: that the device was not compliant and the requester went ahead, the
     * ticket and the reason, and whether the device user is shown it (for instance {@code Ticket INC0012345. Reason
     * (shown to the device user): Outlook crashes at start.}); null when there is none of it.
     */
    public static String requestDetail(RemoteAssistanceSession session, boolean deviceNonCompliant) {
        StringBuilder detail = new StringBuilder();
        if (deviceNonCompliant) {
            detail.append("The device does not meet its compliance policies; the requester acknowledged it and went "
                    + "ahead.");
        }
        if (session.ticketId() != null) {
            detail.append(detail.isEmpty() ? "" : " ").append("Ticket ").append(session.ticketId()).append('.');
        }
        if (session.reason() != null) {
            detail.append(detail.isEmpty() ? "" : " ").append("Reason")
                    .append(session.showReasonToUser() ? " (shown to the device user)" : "").append(": ")
                    .append(session.reason()).append(session.reason().endsWith(".") ? "" : ".");
        }
        return detail.isEmpty() ? null : detail.toString();
    }

    /** What an action did: the outcome is the session's status after it. */
    public SessionAuditEntry record(RemoteAssistanceSession session, AuditAction action, Actor actor, String detail,
            Instant at) {
        return write(new SessionAuditEntry(session.id(), session.deviceId(), action, actor,
                AuditOutcome.of(session.status()), detail, at));
    }

    /**
     * An action the rules turned down. Its own transaction: the action's has rolled back (or is about to), and the
     * attempt must stay on the trail all the same. Callers hold no lock on the session when they call this.
     *
     * @param sessionId null for a request that got no session
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public SessionAuditEntry refused(UUID sessionId, UUID deviceId, AuditAction action, Actor actor, String detail) {
        metrics.refused(action);
        return write(new SessionAuditEntry(sessionId, deviceId, action, actor, AuditOutcome.REFUSED, detail,
                Instant.now()));
    }

    /** One session's trail, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SessionAuditEntry> ofSession(UUID sessionId) {
        if (sessions.findByIdOptional(sessionId).isEmpty()) {
            throw new SessionNotFoundException(sessionId);
        }
        return entries.ofSession(sessionId);
    }

    /** The whole trail filtered, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public AuditListing search(AuditFilter filter, int page, int size) {
        var query = entries.search(filter);
        return new AuditListing(query.page(Page.of(page, size)).list(), query.count());
    }

    private SessionAuditEntry write(SessionAuditEntry entry) {
        // persisted, the entry has its id (it is inserted at the flush with the transaction's others); the event
        // carries it
        entries.persist(entry);
        outbox.publish(AuditEvents.SESSION_AUDIT_RECORDED, new SessionAuditRecorded(entry.id(), entry.sessionId(),
                entry.deviceId(), entry.action().name(), entry.actor(), entry.actorRole(), entry.outcome().name(),
                entry.detail(), entry.at()));
        return entry;
    }

    /** One page of the trail and how many entries match in all. */
    public record AuditListing(List<SessionAuditEntry> items, long total) {
    }
}
