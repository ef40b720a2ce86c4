package org.remoteassistance.notification.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.remoteassistance.events.InvalidEventException;
import org.remoteassistance.events.SessionEnded;

/**
 * A session known to be over (ended or expired). Kept even when no notification exists yet, because the events of one
 * session travel on different topics and its acknowledgement may arrive after its end.
 */
@Entity
@Table(name = "ended_session")
public class EndedSession extends PanacheEntityBase {

    /** The statuses and reasons session-service ends a session with (SessionEnded's contract). */
    public static final Set<String> STATUSES = Set.of("ENDED", "EXPIRED");
    public static final Set<String> REASONS =
            Set.of("COMPLETED", "CONNECTION_LOST", "CANCELLED", "DECLINED", "EXPIRED", "FAILED");

    @Id
    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "device_id", nullable = false)
    public UUID deviceId;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public String reason;

    @Column(name = "ended_at", nullable = false)
    public Instant endedAt;

    public static EndedSession of(UUID sessionId, UUID deviceId, String status, String reason, Instant endedAt) {
        EndedSession ended = new EndedSession();
        ended.sessionId = sessionId;
        ended.deviceId = deviceId;
        ended.status = status;
        ended.reason = reason;
        ended.endedAt = endedAt;
        return ended;
    }

    /**
     * Only an end the contract knows is applied: an unknown status or reason means a publisher this release does not
     * understand, and is dead-lettered with the reason rather than stored.
     *
     * @throws InvalidEventException naming the unknown value
     */
    public static void requireKnownOutcome(SessionEnded ended) {
        if (!STATUSES.contains(ended.status())) {
            throw new InvalidEventException("data.status " + quoted(ended.status()) + " is not one of "
                    + String.join(", ", STATUSES.stream().sorted().toList()));
        }
        if (!REASONS.contains(ended.reason())) {
            throw new InvalidEventException("data.reason " + quoted(ended.reason()) + " is not one of "
                    + String.join(", ", REASONS.stream().sorted().toList()));
        }
    }

    /** Shortened: the reason lands in a Kafka header. */
    private static String quoted(String value) {
        return "'" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'";
    }

    public static boolean isEnded(UUID sessionId) {
        return findByIdOptional(sessionId).isPresent();
    }
}
