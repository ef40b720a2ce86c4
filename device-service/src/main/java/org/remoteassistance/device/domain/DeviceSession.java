package org.remoteassistance.device.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.remoteassistance.events.RejectReason;

/**
 * A remote assistance session of a device as this service has learnt it from session events, which reach it from
 * several topics in no particular order. Its status only moves forward; which session the device overview shows is
 * decided by {@link #shownFor(UUID)}.
 */
@Entity
@Table(name = "device_session")
public class DeviceSession extends PanacheEntityBase {

    private static final List<RemoteAssistanceStatus> OPEN = List.of(RemoteAssistanceStatus.REQUESTED,
            RemoteAssistanceStatus.ACKNOWLEDGED, RemoteAssistanceStatus.IN_PROGRESS);

    @Id
    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "device_id", nullable = false)
    public UUID deviceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public RemoteAssistanceStatus status;

    /** Why it ended or was rejected. */
    @Column(length = 64)
    public String reason;

    /**
     * When it was requested. Until its {@code SessionRequested} arrives this is the earliest time any of its events
     * carries, which can only be later than the real request: enough to order it against the device's other sessions.
     */
    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "request_seen", nullable = false)
    public boolean requestSeen;

    @Column(name = "notified_at")
    public Instant notifiedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The session as its first event (of whichever kind) describes it. */
    public static DeviceSession firstSeen(SessionProgress progress, Instant now) {
        DeviceSession session = new DeviceSession();
        session.sessionId = progress.sessionId();
        session.deviceId = progress.deviceId();
        session.status = progress.status();
        session.reason = progress.reason();
        session.requestedAt = progress.at();
        session.requestSeen = progress.request();
        session.notifiedAt = progress.notifiedAt();
        session.updatedAt = now;
        return session;
    }

    /**
     * Takes in what a later event says. A status that is not ahead of the current one (a late or repeated event) is
     * ignored; facts the session lacked (its request time, when the device was notified) are still kept.
     *
     * @return whether anything changed
     */
    public boolean apply(SessionProgress progress, Instant now) {
        boolean changed = false;
        if (progress.request() && (!requestSeen || !progress.at().equals(requestedAt))) {
            requestedAt = progress.at();
            requestSeen = true;
            changed = true;
        } else if (!requestSeen && progress.at().isBefore(requestedAt)) {
            requestedAt = progress.at();
            changed = true;
        }
        if (progress.notifiedAt() != null && notifiedAt == null) {
            notifiedAt = progress.notifiedAt();
            changed = true;
        }
        if (status.canMoveTo(progress.status())) {
            status = progress.status();
            reason = progress.reason();
            changed = true;
        }
        if (changed) {
            updatedAt = now;
        }
        return changed;
    }

    /** Refused because another session of the device was open: that one is still the device's session. */
    boolean refusedAsDuplicate() {
        return status == RemoteAssistanceStatus.REJECTED && RejectReason.SESSION_ALREADY_OPEN.name().equals(reason);
    }

    /**
     * The session the device overview shows: the newest one (by request time), since a device's sessions follow one
     * another. The exception is a newer request refused because an older session is still open; the open one is then
     * what the device is doing.
     *
     * @return {@code null} when the device has no session
     */
    public static DeviceSession shownFor(UUID deviceId) {
        DeviceSession newest = DeviceSession
                .<DeviceSession>find("deviceId = ?1 order by requestedAt desc, sessionId desc", deviceId)
                .firstResult();
        if (newest != null && newest.refusedAsDuplicate()) {
            DeviceSession open = DeviceSession.<DeviceSession>find(
                    "deviceId = ?1 and status in ?2 and requestedAt <= ?3 and sessionId <> ?4"
                            + " order by requestedAt desc, sessionId desc",
                    deviceId, OPEN, newest.requestedAt, newest.sessionId).firstResult();
            if (open != null) {
                return open;
            }
        }
        return newest;
    }
}
