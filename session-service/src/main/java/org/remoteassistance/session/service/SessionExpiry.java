package org.remoteassistance.session.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.remoteassistance.session.config.SessionSettings;
import org.remoteassistance.session.domain.Actor;
import org.remoteassistance.session.domain.AuditAction;
import org.remoteassistance.session.domain.RemoteAssistanceSession;
import org.remoteassistance.session.domain.RemoteAssistanceSessions;

/**
 * Expires sessions nobody accepted in time, announcing each with {@code SessionEnded} (status and reason EXPIRED), and
 * ends sessions in progress that reached their time limit ({@code SessionEnded}, status ENDED, reason TIME_LIMIT: the
 * connector closes the partner's session, the device is told); each recorded on the audit trail as this service's own
 * doing.
 */
@ApplicationScoped
@Transactional
public class SessionExpiry {

    @Inject
    RemoteAssistanceSessions sessions;

    @Inject
    SessionAnnouncements announcements;

    @Inject
    SessionSettings settings;

    @Inject
    SessionAuditTrail audit;

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    /** @return how many sessions this batch expired; a full batch means there may be more */
    public int expireBatch(Instant now) {
        List<RemoteAssistanceSession> due = sessions.lockAwaitingAcceptanceSince(now.minus(settings.expireAfter()),
                settings.expiryBatchSize());
        for (RemoteAssistanceSession session : due) {
            announcements.announce(session, session.expire(now));
            audit.record(session, AuditAction.EXPIRED, Actor.system(applicationName),
                    "Not accepted within " + settings.expireAfter() + ".", now);
        }
        return due.size();
    }

    /** @return how many sessions this batch ended at their time limit; a full batch means there may be more */
    public int endAtTimeLimitBatch(Instant now) {
        List<RemoteAssistanceSession> due = sessions.lockInProgressPastTimeLimit(now, settings.expiryBatchSize());
        for (RemoteAssistanceSession session : due) {
            announcements.announce(session, session.reachTimeLimit(now));
            audit.record(session, AuditAction.ENDED, Actor.system(applicationName),
                    "Reached its time limit of " + session.maxDurationMinutes() + " minutes.", now);
        }
        return due.size();
    }
}
