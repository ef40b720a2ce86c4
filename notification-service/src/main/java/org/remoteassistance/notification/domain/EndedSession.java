package org.remoteassistance.notification.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A session known to be over (ended or expired). Kept even when no notification exists yet, because the events of one
 * session travel on different topics and its acknowledgement may arrive after its end.
 */
@Entity
@Table(name = "ended_session")
public class EndedSession extends PanacheEntityBase {

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

    public static boolean isEnded(UUID sessionId) {
        return findByIdOptional(sessionId).isPresent();
    }
}
