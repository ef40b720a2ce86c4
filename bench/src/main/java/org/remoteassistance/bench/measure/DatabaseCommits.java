package org.remoteassistance.bench.measure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;

/**
 * The database's own count of committed transactions ({@code pg_stat_database.xact_commit}), read before and after a
 * phase: how many commits the services really made per session, counted by PostgreSQL rather than estimated.
 */
public final class DatabaseCommits {

    private final String jdbcUrl;
    private final String user;
    private final String password;

    public DatabaseCommits(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** Commits in this database so far, or empty if the statistics cannot be read. */
    public OptionalLong committed() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                Statement statement = connection.createStatement()) {
            // statistics of other backends reach shared memory within a second; make this backend's own visible now
            statement.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet result = statement.executeQuery(
                    "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
                return result.next() ? OptionalLong.of(result.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            return OptionalLong.empty();
        }
    }
}
