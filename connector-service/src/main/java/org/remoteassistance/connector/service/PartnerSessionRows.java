package org.remoteassistance.connector.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.remoteassistance.connector.partner.PartnerSession;

/**
 * The statements on {@code partner_session} that every session request and end makes, in plain JDBC on the caller's
 * transaction's connection, or on a connection of their own outside one: the ORM's entity bookkeeping cost more than
 * these single statements. The rarer paths (retrying closes, the admin's connector) keep the entity
 * {@link org.remoteassistance.connector.domain.ConnectorSession}.
 */
@ApplicationScoped
public class PartnerSessionRows {

    @Inject
    AgroalDataSource dataSource;

    /**
     * What decides a session request, in one statement and outside any transaction: whether this consumer processed
     * the event, whether the connector holds anything for the session, and the device's open partner session for
     * another session, if it has one.
     */
    public record Look(boolean processed, boolean sessionKnown, UUID otherOpenSession) {
    }

    /** A partner session whose remote assistance session ended: close it at the partner (unless expired by then). */
    public record ToClose(UUID sessionId, String code, Instant validUntil) {
    }

    public Look look(String consumer, String eventId, UUID sessionId, UUID deviceId) {
        return query("""
                SELECT EXISTS (SELECT 1 FROM processed_event WHERE consumer = ? AND event_id = ?),
                       EXISTS (SELECT 1 FROM partner_session WHERE session_id = ?),
                       (SELECT session_id FROM partner_session
                        WHERE device_id = ? AND state = 'OPEN' AND session_id <> ? LIMIT 1)""", statement -> {
            statement.setString(1, consumer);
            statement.setString(2, eventId);
            statement.setObject(3, sessionId);
            statement.setObject(4, deviceId);
            statement.setObject(5, sessionId);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return new Look(row.getBoolean(1), row.getBoolean(2), row.getObject(3, UUID.class));
            }
        });
    }

    /** The code recorded for the session (null for a session that ended before any was made), if it has a row. */
    public Optional<Optional<String>> recordedCode(UUID sessionId) {
        return query("SELECT code FROM partner_session WHERE session_id = ?", statement -> {
            statement.setObject(1, sessionId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(Optional.ofNullable(row.getString(1))) : Optional.empty();
            }
        });
    }

    /** Records a partner session just made; a device's second open one breaks the one-open-per-device index here. */
    public void opened(UUID sessionId, UUID deviceId, PartnerSession created, Instant now) {
        update("""
                INSERT INTO partner_session (session_id, device_id, code, state, supporter_link, end_customer_link,
                                             valid_until, created_at)
                VALUES (?, ?, ?, 'OPEN', ?, ?, ?, ?)""", statement -> {
            statement.setObject(1, sessionId);
            statement.setObject(2, deviceId);
            statement.setString(3, created.code());
            statement.setString(4, created.supporterLink());
            statement.setString(5, created.endCustomerLink());
            statement.setTimestamp(6, Timestamp.from(created.validUntil()));
            statement.setTimestamp(7, Timestamp.from(now));
        });
    }

    /**
     * The session ended: an open partner session becomes {@code CLOSE_PENDING}, and is returned to be closed; a session
     * the connector holds nothing for gets a {@code CLOSED} row, so that its late request makes no partner session (a
     * request being recorded at the same moment makes this insert fail on the key, and the end is applied again).
     */
    public Optional<ToClose> ended(UUID sessionId, UUID deviceId, Instant now) {
        Optional<ToClose> open = query("""
                UPDATE partner_session SET state = 'CLOSE_PENDING' WHERE session_id = ? AND state = 'OPEN'
                RETURNING code, valid_until""", statement -> {
            statement.setObject(1, sessionId);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                OffsetDateTime validUntil = row.getObject(2, OffsetDateTime.class);
                return Optional.of(new ToClose(sessionId, row.getString(1),
                        validUntil == null ? null : validUntil.toInstant()));
            }
        });
        if (open.isEmpty() && recordedCode(sessionId).isEmpty()) {
            update("""
                    INSERT INTO partner_session (session_id, device_id, state, created_at, closed_at)
                    VALUES (?, ?, 'CLOSED', ?, ?)""", statement -> {
                statement.setObject(1, sessionId);
                statement.setObject(2, deviceId);
                statement.setTimestamp(3, Timestamp.from(now));
                statement.setTimestamp(4, Timestamp.from(now));
            });
        }
        return open;
    }

    /** The partner session is closed (or dead at the partner): one statement, in its own transaction if none. */
    public void closed(UUID sessionId, Instant at) {
        update("""
                UPDATE partner_session SET state = 'CLOSED', closed_at = ?, last_error = NULL
                WHERE session_id = ? AND state <> 'CLOSED'""", statement -> {
            statement.setTimestamp(1, Timestamp.from(at));
            statement.setObject(2, sessionId);
        });
    }

    @FunctionalInterface
    private interface Work<T> {
        T on(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    private interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    private <T> T query(String sql, Work<T> work) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            return work.on(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("partner_session: " + e.getMessage(), e);
        }
    }

    private void update(String sql, Parameters parameters) {
        query(sql, statement -> {
            parameters.set(statement);
            return statement.executeUpdate();
        });
    }
}
