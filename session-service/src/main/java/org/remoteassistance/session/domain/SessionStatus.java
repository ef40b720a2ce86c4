package org.remoteassistance.session.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.remoteassistance.events.EndReason;

/** Where a remote assistance session stands, and where it may go next. */
public enum SessionStatus {

    /** The admin confirmed; the partner has not answered yet. */
    REQUESTED,
    /** The partner created its session: code and links are known, the device is notified. */
    ACKNOWLEDGED,
    /** The admin started and the device user allowed. */
    IN_PROGRESS,
    /** Closed by either side, with an {@link EndReason}. */
    ENDED,
    /** It could not start (device unknown or retired, connector not connected, partner refused). */
    REJECTED,
    /** Nobody accepted it in time. */
    EXPIRED;

    private static final Map<SessionStatus, Set<SessionStatus>> NEXT = Map.of(
            REQUESTED, EnumSet.of(ACKNOWLEDGED, REJECTED, ENDED, EXPIRED),
            ACKNOWLEDGED, EnumSet.of(IN_PROGRESS, ENDED, EXPIRED),
            IN_PROGRESS, EnumSet.of(ENDED),
            ENDED, EnumSet.noneOf(SessionStatus.class),
            REJECTED, EnumSet.noneOf(SessionStatus.class),
            EXPIRED, EnumSet.noneOf(SessionStatus.class));

    /** The statuses the one-open-session-per-device rule (and its partial unique index) covers. */
    public static final Set<SessionStatus> OPEN = EnumSet.of(REQUESTED, ACKNOWLEDGED, IN_PROGRESS);

    /** The statuses a session expires from when nobody accepts it. */
    public static final Set<SessionStatus> AWAITING_ACCEPTANCE = EnumSet.of(REQUESTED, ACKNOWLEDGED);

    public boolean isOpen() {
        return OPEN.contains(this);
    }

    public boolean canMoveTo(SessionStatus next) {
        return NEXT.get(this).contains(next);
    }
}
