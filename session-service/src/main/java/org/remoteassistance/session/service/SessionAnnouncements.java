package org.remoteassistance.session.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.NotificationResendRequested;
import org.remoteassistance.events.SessionEnded;
import org.remoteassistance.events.SessionRequested;
import org.remoteassistance.events.SessionStarted;
import org.remoteassistance.session.domain.Actor;
import org.remoteassistance.session.domain.Outcome;
import org.remoteassistance.session.domain.RemoteAssistanceSession;
import org.remoteassistance.support.outbox.Outbox;
import org.remoteassistance.support.security.DeviceScope;

/** Turns what happened to a session into the events other services rely on, through the outbox. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class SessionAnnouncements {

    @Inject
    Outbox outbox;

    @Inject
    SessionMetrics metrics;

    /**
     * @param reach the requester's scope, published so that the connector admits the request by the same rule
     */
    public void requested(RemoteAssistanceSession session, DeviceScope reach) {
        metrics.step(SessionMetrics.Step.REQUESTED);
        outbox.publish(EventType.SESSION_REQUESTED, new SessionRequested(session.id(), session.deviceId(),
                session.requestedBy(), session.requestedAt(), session.maxDurationMinutes(), session.reason(),
                session.ticketId(), session.showReasonToUser() ? Boolean.TRUE : null,
                session.nonCompliantAcknowledged() ? Boolean.TRUE : null, reach.asRequesterScopeTags()));
    }

    /** Asks notification-service to send the device's notification again. */
    public void resendRequested(RemoteAssistanceSession session, int resend, Actor actor, Instant at) {
        outbox.publish(EventType.NOTIFICATION_RESEND_REQUESTED, new NotificationResendRequested(session.id(),
                session.deviceId(), actor.name(), resend, at));
    }

    /** Publishes {@code SessionStarted} or {@code SessionEnded} when the outcome calls for one. */
    public void announce(RemoteAssistanceSession session, Outcome outcome) {
        switch (outcome) {
            case STARTED -> {
                outbox.publish(EventType.SESSION_STARTED,
                        new SessionStarted(session.id(), session.deviceId(), session.startedAt()));
                metrics.step(SessionMetrics.Step.STARTED);
            }
            case ENDED -> {
                outbox.publish(EventType.SESSION_ENDED, new SessionEnded(session.id(), session.deviceId(),
                        session.status().name(), session.endReason().name(), session.endedAt()));
                metrics.ended(session.status().name(), session.endReason().name());
            }
            case UNCHANGED, RECORDED -> {
            }
        }
    }
}
