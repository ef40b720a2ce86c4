package org.remoteassistance.session.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.remoteassistance.session.config.SessionSettings;
import org.remoteassistance.session.domain.RemoteAssistanceSession;
import org.remoteassistance.session.domain.RemoteAssistanceSessions;

/** Expires sessions nobody accepted in time, announcing each with {@code SessionEnded} (status and reason EXPIRED). */
@ApplicationScoped
@Transactional
public class SessionExpiry {

    @Inject
    RemoteAssistanceSessions sessions;

    @Inject
    SessionAnnouncements announcements;

    @Inject
    SessionSettings settings;

    /** @return how many sessions this batch expired; a full batch means there may be more */
    public int expireBatch(Instant now) {
        List<RemoteAssistanceSession> due = sessions.lockAwaitingAcceptanceSince(now.minus(settings.expireAfter()),
                settings.expiryBatchSize());
        for (RemoteAssistanceSession session : due) {
            announcements.announce(session, session.expire(now));
        }
        return due.size();
    }
}
