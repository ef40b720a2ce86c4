package org.remoteassistance.device.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.remoteassistance.device.domain.RemoteAssistanceStatus;
import org.remoteassistance.device.domain.SessionProgress;
import org.remoteassistance.events.InvalidEventException;
import org.remoteassistance.events.RejectReason;

/**
 * Keeps each device's remote assistance overview from the session events other services publish. Events of one
 * session arrive on several topics, so in any order and possibly twice: each is recorded once, moves its session only
 * forward, and changes the overview only when its session is the one the device shows.
 *
 * <p>An event costs two statements on the consumer's transaction, in plain JDBC: an upsert of the session's row that
 * first locks the device's (so events of one device from different topics apply one at a time, and an unknown device
 * inserts nothing), and, when the row changed, an update of the device's overview that writes only if the session it
 * shows is another one. The rules are in the statements:
 * <ul>
 * <li>the status moves only up its rank ({@link RemoteAssistanceStatus#rank()}), never out of an end state, and
 * takes the event's reason with it;</li>
 * <li>the request time is the {@code SessionRequested}'s; until that arrives, the earliest time any event carries
 * (which can only be later than the real request: enough to order the session against the device's others);</li>
 * <li>the first notification time is kept;</li>
 * <li>the overview shows the device's newest session by request time, except a newer request refused because an older
 * session is still open: the open one is then what the device is doing.</li>
 * </ul>
 * Only the rare event that changes nothing is looked at again, to tell a late or repeated one from one that names an
 * unknown device or another device's session.
 */
@ApplicationScoped
public class RemoteAssistanceTracker {

    private static final Logger LOG = Logger.getLogger(RemoteAssistanceTracker.class);

    /** A stored status's rank, from the enum, so the statements and {@link RemoteAssistanceStatus} cannot differ. */
    private static final String RANK = Arrays.stream(RemoteAssistanceStatus.values())
            .map(status -> "WHEN '" + status.name() + "' THEN " + status.rank())
            .collect(Collectors.joining(" ", "CASE s.status ", " END"));

    /** Whether the event's status (its rank the parameter) is a move forward for the stored session. */
    private static final String MOVES = "(" + RANK + " < " + RemoteAssistanceStatus.ENDED.rank() + " AND " + RANK
            + " < ?)";

    private static final String UPSERT = """
            WITH locked AS (SELECT id FROM device WHERE id = ? FOR UPDATE)
            INSERT INTO device_session AS s (session_id, device_id, status, reason, requested_at, request_seen,
                                             notified_at, updated_at)
            SELECT ?, id, ?, ?, ?, ?, ?, ? FROM locked
            ON CONFLICT (session_id) DO UPDATE SET
                status = CASE WHEN %1$s THEN excluded.status ELSE s.status END,
                reason = CASE WHEN %1$s THEN excluded.reason ELSE s.reason END,
                requested_at = CASE WHEN excluded.request_seen THEN excluded.requested_at
                                    WHEN s.request_seen THEN s.requested_at
                                    ELSE least(s.requested_at, excluded.requested_at) END,
                request_seen = s.request_seen OR excluded.request_seen,
                notified_at = coalesce(s.notified_at, excluded.notified_at),
                updated_at = excluded.updated_at
            WHERE s.device_id = excluded.device_id
              AND (%1$s
                   OR excluded.request_seen AND (NOT s.request_seen OR s.requested_at <> excluded.requested_at)
                   OR NOT s.request_seen AND excluded.requested_at < s.requested_at
                   OR s.notified_at IS NULL AND excluded.notified_at IS NOT NULL)
            RETURNING s.status""".formatted(MOVES);

    private static final String SHOW = """
            WITH newest AS (
                SELECT session_id, status, reason, requested_at FROM device_session
                WHERE device_id = ? ORDER BY requested_at DESC, session_id DESC LIMIT 1),
            open AS (
                SELECT o.session_id FROM device_session o, newest n
                WHERE n.status = 'REJECTED' AND n.reason = '%s'
                  AND o.device_id = ? AND o.status IN ('REQUESTED', 'ACKNOWLEDGED', 'IN_PROGRESS')
                  AND o.requested_at <= n.requested_at AND o.session_id <> n.session_id
                ORDER BY o.requested_at DESC, o.session_id DESC LIMIT 1)
            UPDATE device SET ra_session_id = shown.session_id
            FROM (SELECT coalesce((SELECT session_id FROM open), (SELECT session_id FROM newest)) AS session_id) shown
            WHERE id = ? AND ra_session_id IS DISTINCT FROM shown.session_id""".formatted(
            RejectReason.SESSION_ALREADY_OPEN.name());

    @Inject
    AgroalDataSource dataSource;

    /**
     * Records what event {@code eventId} says about a session (once: the consumer's inbox skips a redelivery).
     *
     * @throws InvalidEventException when the event names an unknown device or a session of another device
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String eventId, SessionProgress progress) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (Connection connection = dataSource.getConnection()) {
            if (!upsert(connection, progress, now)) {
                explainUnchanged(connection, eventId, progress);
                return;
            }
            try (PreparedStatement show = connection.prepareStatement(SHOW)) {
                for (int parameter = 1; parameter <= 3; parameter++) {
                    show.setObject(parameter, progress.deviceId());
                }
                show.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("device_session: " + e.getMessage(), e);
        }
    }

    private static boolean upsert(Connection connection, SessionProgress progress, Instant now) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            int rank = progress.status().rank();
            upsert.setObject(1, progress.deviceId());
            upsert.setObject(2, progress.sessionId());
            upsert.setString(3, progress.status().name());
            upsert.setString(4, progress.reason());
            upsert.setTimestamp(5, Timestamp.from(progress.at()));
            upsert.setBoolean(6, progress.request());
            upsert.setTimestamp(7, progress.notifiedAt() == null ? null : Timestamp.from(progress.notifiedAt()));
            upsert.setTimestamp(8, Timestamp.from(now));
            // MOVES appears three times in the statement, each with the event's rank
            for (int parameter = 9; parameter <= 11; parameter++) {
                upsert.setInt(parameter, rank);
            }
            try (ResultSet changed = upsert.executeQuery()) {
                return changed.next();
            }
        }
    }

    private static void explainUnchanged(Connection connection, String eventId, SessionProgress progress)
            throws SQLException {
        try (PreparedStatement look = connection.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM device WHERE id = ?),
                       (SELECT device_id FROM device_session WHERE session_id = ?),
                       (SELECT status FROM device_session WHERE session_id = ?)""")) {
            look.setObject(1, progress.deviceId());
            look.setObject(2, progress.sessionId());
            look.setObject(3, progress.sessionId());
            try (ResultSet row = look.executeQuery()) {
                row.next();
                UUID owner = row.getObject(2, UUID.class);
                if (!row.getBoolean(1)) {
                    throw new InvalidEventException("unknown device " + progress.deviceId());
                }
                if (owner != null && !owner.equals(progress.deviceId())) {
                    throw new InvalidEventException("session " + progress.sessionId() + " belongs to device " + owner
                            + ", not " + progress.deviceId());
                }
                LOG.debugf("Event %s changes nothing for session %s (it is %s)", eventId, progress.sessionId(),
                        row.getString(3));
            }
        }
    }
}
