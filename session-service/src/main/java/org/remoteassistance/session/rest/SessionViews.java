package org.remoteassistance.session.rest;

import org.remoteassistance.session.domain.RemoteAssistanceSession;
import org.remoteassistance.session.domain.SessionStatus;

/** Maps stored sessions to what the API shows. */
final class SessionViews {

    private SessionViews() {
    }

    /** What admins and help desk see. */
    static SessionView of(RemoteAssistanceSession session) {
        return view(session, session.supporterLink());
    }

    /** What the device sees: never the supporter link, which lets its holder control the device. */
    static SessionView forDevice(RemoteAssistanceSession session) {
        return view(session, null);
    }

    private static SessionView view(RemoteAssistanceSession session, String supporterLink) {
        SessionStatus status = session.status();
        return new SessionView(session.id(), session.deviceId(), status.name(), session.partner(),
                session.sessionCode(), supporterLink, session.endCustomerLink(), session.validUntil(),
                session.requestedBy(), session.requestedAt(), session.acknowledgedAt(), session.notifiedAt(),
                session.adminStartedAt(), session.deviceAllowedAt(), session.startedAt(), session.endedAt(),
                session.endReason() == null ? null : session.endReason().name(), session.rejectReason(),
                session.rejectDetail(), session.maxDurationMinutes(), session.timeLimitAt(), session.reason(),
                session.ticketId(), session.showReasonToUser(), session.notificationResends(),
                session.nonCompliantAcknowledged(),
                status == SessionStatus.ACKNOWLEDGED || status == SessionStatus.IN_PROGRESS);
    }
}
