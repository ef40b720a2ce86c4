package org.remoteassistance.session.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The session reports, read straight from this service's table: a report streams its rows from a database cursor
 * (a read-only transaction, fetched a few hundred at a time), so a year of sessions never sits in memory; the summary
 * is computed by PostgreSQL.
 */
@ApplicationScoped
public class SessionReports {

    private static final int FETCH_SIZE = 500;
    /** When the device user answered: allowed, or declined (which ended the session). */
    private static final String ANSWERED_AT = "CASE WHEN device_allowed_at IS NOT NULL THEN device_allowed_at "
            + "WHEN end_reason = 'DECLINED' THEN ended_at END";

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema")
    String schema;

    /** Hands each session of the report to {@code row}, oldest request first. */
    public void stream(ReportFilter filter, Consumer<ReportRow> row) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String sql = "SELECT id, device_id, status, " + ReportOutcome.SQL + " AS outcome, requested_by, requested_at, "
                + "acknowledged_at, notified_at, " + ANSWERED_AT + " AS answered_at, started_at, ended_at, "
                + "reject_reason, ticket_id, reason, max_duration_minutes, notification_resends FROM " + table()
                + " WHERE " + filter.where(parameters) + " ORDER BY requested_at, id";
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false); // PostgreSQL keeps a cursor only inside a transaction
            connection.setReadOnly(true);
            try (PreparedStatement statement = prepare(connection, sql, parameters)) {
                statement.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        row.accept(row(rows));
                    }
                }
            } finally {
                connection.rollback();
            }
        }
    }

    public ReportSummary summary(ReportFilter filter) throws SQLException {
        Map<ReportOutcome, Long> byOutcome = new EnumMap<>(ReportOutcome.class);
        for (ReportOutcome outcome : ReportOutcome.values()) {
            byOutcome.put(outcome, 0L);
        }
        try (Connection connection = dataSource.getConnection()) {
            List<Object> parameters = new ArrayList<>();
            String where = filter.where(parameters);
            try (PreparedStatement statement = prepare(connection, "SELECT " + ReportOutcome.SQL
                    + " AS outcome, count(*) FROM " + table() + " WHERE " + where + " GROUP BY 1", parameters);
                    ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    byOutcome.put(ReportOutcome.valueOf(rows.getString(1)), rows.getLong(2));
                }
            }
            long total = byOutcome.values().stream().mapToLong(Long::longValue).sum();
            String seconds = "extract(epoch FROM (" + ANSWERED_AT + ") - requested_at)";
            try (PreparedStatement statement = prepare(connection, "SELECT count(" + seconds + "), "
                    + "percentile_cont(0.5) WITHIN GROUP (ORDER BY " + seconds + "), "
                    + "percentile_cont(0.9) WITHIN GROUP (ORDER BY " + seconds + ") FROM " + table() + " WHERE "
                    + where, parameters);
                    ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new ReportSummary(filter.from(), filter.to(), total, byOutcome, rows.getLong(1), number(rows, 2),
                        number(rows, 3), rate(byOutcome.get(ReportOutcome.DECLINED), total),
                        rate(byOutcome.get(ReportOutcome.EXPIRED), total));
            }
        }
    }

    private String table() {
        return schema + ".remote_assistance_session";
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<Object> parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
        return statement;
    }

    private static ReportRow row(ResultSet rows) throws SQLException {
        Instant requestedAt = instant(rows, "requested_at");
        Instant answeredAt = instant(rows, "answered_at");
        return new ReportRow(rows.getObject("id", UUID.class), rows.getObject("device_id", UUID.class),
                rows.getString("status"), ReportOutcome.valueOf(rows.getString("outcome")),
                rows.getString("requested_by"), requestedAt, instant(rows, "acknowledged_at"),
                instant(rows, "notified_at"), answeredAt, instant(rows, "started_at"), instant(rows, "ended_at"),
                answeredAt == null ? null
                        : java.time.Duration.between(requestedAt, answeredAt).toNanos() / 1_000_000_000.0,
                rows.getString("reject_reason"), rows.getString("ticket_id"), rows.getString("reason"),
                (Integer) rows.getObject("max_duration_minutes"), rows.getInt("notification_resends"));
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Double number(ResultSet rows, int column) throws SQLException {
        double value = rows.getDouble(column);
        return rows.wasNull() ? null : value;
    }

    private static Double rate(long count, long total) {
        return total == 0 ? null : (double) count / total;
    }
}
