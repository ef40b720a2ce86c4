package org.remoteassistance.e2e;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts what each service stored, read as PostgreSQL's superuser from the services' own schemas (device, session,
 * notification, connector; tables as their Flyway migrations create them).
 */
final class Databases {

    static final List<String> SCHEMAS = List.of("device", "session", "notification", "connector");
    private static final List<String> HELD_TABLES = List.of("device.processed_event", "session.processed_event",
            "notification.processed_event", "connector.processed_event", "session.outbox_message");

    private final RunningSystem system;

    Databases(RunningSystem system) {
        this.system = system;
    }

    /** Rows left in each schema's outbox_message: events not yet relayed to Kafka. */
    Map<String, Long> outboxRows() throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection connection = system.superuser()) {
            for (String schema : SCHEMAS) {
                rows.put(schema, single(connection, "SELECT count(*) FROM " + schema + ".outbox_message"));
            }
        }
        return rows;
    }

    /** Outbox rows of one event type about these sessions (the message key is the session id), in one schema. */
    long outboxRowsFor(String schema, String eventType, Collection<String> sessionIds) throws SQLException {
        try (Connection connection = system.superuser()) {
            return count(connection, "SELECT count(*) FROM " + schema + ".outbox_message WHERE message_key = ANY(?)"
                    + " AND event_type = '" + eventType + "'", sessionIds);
        }
    }

    long sessionsOfDevice(String deviceId) throws SQLException {
        try (Connection connection = system.superuser();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT count(*) FROM session.remote_assistance_session WHERE device_id = ?::uuid")) {
            statement.setString(1, deviceId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Per session: its partner sessions (connector schema) as {code, state}. */
    Map<String, List<String[]>> partnerSessions(Collection<String> sessionIds) throws SQLException {
        return grouped("SELECT session_id::text, code, state FROM connector.partner_session"
                + " WHERE session_id::text = ANY(?)", sessionIds);
    }

    /** Per session: its Company Portal notifications (notification schema) as {code, actionable}. */
    Map<String, List<String[]>> notifications(Collection<String> sessionIds) throws SQLException {
        return grouped("SELECT session_id::text, session_code, actionable::text"
                + " FROM notification.company_portal_notification WHERE session_id::text = ANY(?)", sessionIds);
    }

    /** Per session: {status, end_reason, acknowledged, notified, started} from the session schema. */
    Map<String, List<String[]>> sessions(Collection<String> sessionIds) throws SQLException {
        return grouped("SELECT id::text, status, end_reason, (acknowledged_at IS NOT NULL)::text,"
                + " (notified_at IS NOT NULL)::text, (started_at IS NOT NULL)::text"
                + " FROM session.remote_assistance_session WHERE id::text = ANY(?)", sessionIds);
    }

    /** Per session: {status} of device-service's record of it. */
    Map<String, List<String[]>> deviceSessions(Collection<String> sessionIds) throws SQLException {
        return grouped("SELECT session_id::text, status FROM device.device_session WHERE session_id::text = ANY(?)",
                sessionIds);
    }

    /**
     * Holds every commit that records a consumed event (each schema's processed_event) or an outgoing one (session's
     * outbox_message) for {@code millis}: a deferred constraint trigger sleeps at COMMIT, so a fault test can stop
     * PostgreSQL exactly while a service commits.
     */
    void holdCommits(int millis) throws SQLException {
        try (Connection connection = system.superuser(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE FUNCTION public.fault_test_held_commit() RETURNS trigger"
                    + " LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(" + millis / 1000.0 + "); RETURN NULL; END $$");
            for (String table : HELD_TABLES) {
                statement.execute("DROP TRIGGER IF EXISTS fault_test_held_commit ON " + table);
                statement.execute("CREATE CONSTRAINT TRIGGER fault_test_held_commit AFTER INSERT ON " + table
                        + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW"
                        + " EXECUTE FUNCTION public.fault_test_held_commit()");
            }
        }
    }

    void releaseCommits() throws SQLException {
        try (Connection connection = system.superuser(); Statement statement = connection.createStatement()) {
            for (String table : HELD_TABLES) {
                statement.execute("DROP TRIGGER IF EXISTS fault_test_held_commit ON " + table);
            }
            statement.execute("DROP FUNCTION IF EXISTS public.fault_test_held_commit()");
        }
    }

    /** Whether a service's COMMIT is being held right now (see {@link #holdCommits}). */
    boolean commitHeld() throws SQLException {
        try (Connection connection = system.superuser()) {
            return single(connection, "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'"
                    + " AND upper(query) LIKE 'COMMIT%' AND usename <> 'postgres'") > 0;
        }
    }

    private Map<String, List<String[]>> grouped(String sql, Collection<String> sessionIds) throws SQLException {
        Map<String, List<String[]>> result = new HashMap<>();
        try (Connection connection = system.superuser();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", sessionIds.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    String[] values = new String[columns - 1];
                    for (int i = 2; i <= columns; i++) {
                        values[i - 2] = rows.getString(i);
                    }
                    result.computeIfAbsent(rows.getString(1), id -> new ArrayList<>()).add(values);
                }
            }
        }
        return result;
    }

    private static long count(Connection connection, String sql, Collection<String> values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", values.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    static long single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
