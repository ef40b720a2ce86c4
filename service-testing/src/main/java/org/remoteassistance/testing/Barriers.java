package org.remoteassistance.testing;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Facts a test waits for before it asserts that something did not happen, instead of watching a topic for a while:
 * once the service has committed its handling of an input (the event's inbox row) and its outbox is empty, whatever
 * that handling published is on Kafka, and {@link KafkaTestClient#readToEnd} shows all of it.
 */
public final class Barriers {

    /** Generous: the first test of a run also waits for the consumers to join their group. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private Barriers() {
    }

    /** Waits until the service has committed its handling of the event: its inbox row exists. */
    public static void awaitProcessed(DataSource dataSource, String eventId) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> count(dataSource,
                "SELECT count(*) FROM processed_event WHERE event_id = ?", eventId) > 0);
    }

    /** Waits until the outbox is empty: everything committed so far has reached Kafka. */
    public static void awaitOutboxDrained(DataSource dataSource) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> count(dataSource,
                "SELECT count(*) FROM outbox_message", null) == 0);
    }

    /** Both: the event's effects are committed and published. */
    public static void awaitHandled(DataSource dataSource, String eventId) {
        awaitProcessed(dataSource, eventId);
        awaitOutboxDrained(dataSource);
    }

    private static long count(DataSource dataSource, String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
