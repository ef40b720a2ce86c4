package org.remoteassistance.bench.measure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The database's own counters, read before and after a phase: committed transactions
 * ({@code pg_stat_database.xact_commit}) and the services' statements ({@code pg_stat_statements}), so that what a
 * session costs the database is counted by PostgreSQL rather than estimated.
 */
public final class DatabaseCounters {

    /** How many of the most-called statements a phase keeps, for the profile of where the round trips go. */
    public static final int TOP_STATEMENTS = 8;

    /**
     * What {@code BEGIN} stands for in the counts. The driver sends a BEGIN in the same round trip as the
     * transaction's first statement, so the BEGIN itself costs nothing; its COMMIT (or ROLLBACK) is a round trip of
     * its own, but pg_stat_statements misses most of those: it counts a COMMIT the driver re-executes as a prepared
     * statement only the first time on each connection. One per BEGIN is the exact count.
     */
    static final String TRANSACTION_END = "COMMIT or ROLLBACK (one per BEGIN)";

    private static final int QUERY_TEXT = 100;

    /** One statement of one role (its text normalised by pg_stat_statements, shortened) and its calls. */
    public record StatementCalls(String role, String query, long calls) {
    }

    /**
     * The counters at one moment; a part that could not be read is null, and {@code statementsUnavailable} says why
     * the statements are missing.
     *
     * @param statements the services' statements by role and query id
     */
    public record Reading(Long commits, Map<String, StatementCalls> statements, String statementsUnavailable) {
    }

    /**
     * What happened between two readings.
     *
     * @param statements the services' statements (≈ round trips), null if not known
     * @param top        the most-called statements, most first
     */
    public record Change(Long commits, Long statements, List<StatementCalls> top, String statementsUnavailable) {
    }

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private volatile String statementsUnavailable = "pg_stat_statements was not tried";

    public DatabaseCounters(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /**
     * Creates pg_stat_statements in the database if it is missing, as the benchmark's user, and reads it once.
     *
     * @return null if statements can be counted, else why not
     */
    public String enableStatements() {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            statement.executeQuery("SELECT 1 FROM pg_stat_statements LIMIT 1").close();
            statementsUnavailable = null;
        } catch (SQLException e) {
            statementsUnavailable = e.getMessage() != null && e.getMessage().contains("shared_preload_libraries")
                    ? "pg_stat_statements is not loaded: the server was not started with "
                    + "shared_preload_libraries=pg_stat_statements"
                    : "pg_stat_statements cannot be read: " + e.getMessage();
        }
        return statementsUnavailable;
    }

    /** The counters now; what cannot be read is null. */
    public Reading read() {
        Long commits = null;
        Map<String, StatementCalls> statements = null;
        String why = statementsUnavailable;
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            // statistics of other backends reach shared memory within a second; make this backend's own visible now
            statement.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet result = statement.executeQuery(
                    "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
                commits = result.next() ? result.getLong(1) : null;
            }
            if (why == null) {
                statements = statements(statement);
            }
        } catch (SQLException e) {
            why = why != null ? why : "pg_stat_statements cannot be read: " + e.getMessage();
        }
        return new Reading(commits, statements, why);
    }

    /** The statements of every role but the benchmark's own, in this database. */
    private static Map<String, StatementCalls> statements(Statement statement) throws SQLException {
        Map<String, StatementCalls> statements = new HashMap<>();
        try (ResultSet result = statement.executeQuery("SELECT s.userid || ':' || s.queryid, "
                + "pg_get_userbyid(s.userid), s.query, s.calls FROM pg_stat_statements s "
                + "WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "AND s.userid <> (SELECT oid FROM pg_roles WHERE rolname = current_user)")) {
            while (result.next()) {
                StatementCalls counted = counted(result.getString(2), result.getString(3), result.getLong(4));
                if (counted != null) {
                    statements.put(result.getString(1), counted);
                }
            }
        }
        return statements;
    }

    /** A statement as it counts in round trips: a BEGIN as its transaction's end, a COMMIT or ROLLBACK not at all. */
    static StatementCalls counted(String role, String query, long calls) {
        String text = query.strip().replaceAll("\\s+", " ");
        if (text.equalsIgnoreCase("COMMIT") || text.equalsIgnoreCase("ROLLBACK")) {
            return null;
        }
        if (text.equalsIgnoreCase("BEGIN")) {
            text = TRANSACTION_END;
        }
        return new StatementCalls(role, text.length() > QUERY_TEXT ? text.substring(0, QUERY_TEXT - 1) + "…" : text,
                calls);
    }

    public static Change between(Reading before, Reading after) {
        Long commits = before.commits() != null && after.commits() != null ? after.commits() - before.commits()
                : null;
        if (before.statements() == null || after.statements() == null) {
            String why = after.statementsUnavailable() != null ? after.statementsUnavailable()
                    : before.statementsUnavailable();
            return new Change(commits, null, List.of(), why);
        }
        List<StatementCalls> ran = after.statements().entrySet().stream().map(entry -> {
            StatementCalls now = entry.getValue();
            StatementCalls then = before.statements().get(entry.getKey());
            // fewer calls than before: the entry was evicted or reset in between, and counts from zero again
            long calls = then == null || then.calls() > now.calls() ? now.calls() : now.calls() - then.calls();
            return new StatementCalls(now.role(), now.query(), calls);
        }).filter(statement -> statement.calls() > 0)
                .sorted(Comparator.comparingLong(StatementCalls::calls).reversed()).toList();
        long total = ran.stream().mapToLong(StatementCalls::calls).sum();
        return new Change(commits, total, ran.stream().limit(TOP_STATEMENTS).toList(), null);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }
}
