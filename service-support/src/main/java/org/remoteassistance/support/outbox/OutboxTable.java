package org.remoteassistance.support.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code outbox_message} table in plain JDBC: rows are written a transaction's worth per statement (on the
 * transaction's connection) and read and deleted a batch per statement (by the relay, outside any transaction). The
 * ORM's entity bookkeeping cost more than these three statements.
 */
final class OutboxTable {

    private OutboxTable() {
    }

    /**
     * Inserts the rows in one statement; their positions follow the list's order.
     *
     * @return the rows with the positions the database gave them, in the list's order
     */
    static List<OutboxMessage> insert(Connection connection, List<OutboxMessage> rows) throws SQLException {
        int size = rows.size();
        String[] eventIds = new String[size];
        String[] eventTypes = new String[size];
        String[] topics = new String[size];
        String[] keys = new String[size];
        String[] sources = new String[size];
        String[] schemaVersions = new String[size];
        String[] occurredAt = new String[size];
        String[] payloads = new String[size];
        String[] traceParents = new String[size];
        for (int i = 0; i < size; i++) {
            OutboxMessage row = rows.get(i);
            eventIds[i] = row.eventId();
            eventTypes[i] = row.eventType();
            topics[i] = row.topic();
            keys[i] = row.messageKey();
            sources[i] = row.source();
            schemaVersions[i] = row.schemaVersion();
            occurredAt[i] = row.occurredAt().toString(); // ISO-8601 in UTC: no time zone in play
            payloads[i] = row.payload();
            traceParents[i] = row.traceParent();
        }
        // identity values are drawn in the order the rows come, and ORDER BY makes that the list's order
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO outbox_message (event_id, event_type, topic, message_key, source, schema_version,
                                            occurred_at, payload, trace_parent)
                SELECT r.event_id, r.event_type, r.topic, r.message_key, r.source, r.schema_version,
                       r.occurred_at::timestamptz,
                       r.payload, r.trace_parent
                FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                            ?::text[], ?::text[], ?::varchar[])
                     WITH ORDINALITY AS r(event_id, event_type, topic, message_key, source, schema_version,
                                          occurred_at, payload, trace_parent, n)
                ORDER BY r.n
                RETURNING position, event_id""")) {
            insert.setArray(1, connection.createArrayOf("varchar", eventIds));
            insert.setArray(2, connection.createArrayOf("varchar", eventTypes));
            insert.setArray(3, connection.createArrayOf("varchar", topics));
            insert.setArray(4, connection.createArrayOf("varchar", keys));
            insert.setArray(5, connection.createArrayOf("varchar", sources));
            insert.setArray(6, connection.createArrayOf("varchar", schemaVersions));
            insert.setArray(7, connection.createArrayOf("text", occurredAt));
            insert.setArray(8, connection.createArrayOf("text", payloads));
            insert.setArray(9, connection.createArrayOf("varchar", traceParents));
            Map<String, Long> positions = new HashMap<>(size * 2);
            try (ResultSet inserted = insert.executeQuery()) {
                while (inserted.next()) {
                    positions.put(inserted.getString(2), inserted.getLong(1));
                }
            }
            List<OutboxMessage> placed = new ArrayList<>(size);
            for (OutboxMessage row : rows) {
                placed.add(row.at(positions.get(row.eventId())));
            }
            return placed;
        }
    }

    /** The oldest {@code limit} rows, in publication order (positions from the database's sequence). */
    static List<OutboxMessage> oldest(Connection connection, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT position, event_id, event_type, topic, message_key, source, schema_version, occurred_at, payload,
                       trace_parent
                FROM outbox_message ORDER BY position LIMIT ?""")) {
            select.setInt(1, limit);
            List<OutboxMessage> rows = new ArrayList<>(limit);
            try (ResultSet found = select.executeQuery()) {
                while (found.next()) {
                    rows.add(new OutboxMessage(found.getLong(1), found.getString(2), found.getString(3),
                            found.getString(4), found.getString(5), found.getString(6), found.getString(7),
                            found.getObject(8, OffsetDateTime.class).toInstant(), found.getString(9),
                            found.getString(10)));
                }
            }
            return rows;
        }
    }

    /** Deletes the rows at these positions, in one statement. */
    static void delete(Connection connection, List<OutboxMessage> rows) throws SQLException {
        Long[] positions = rows.stream().map(OutboxMessage::position).toArray(Long[]::new);
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM outbox_message WHERE position = ANY (?)")) {
            delete.setArray(1, connection.createArrayOf("bigint", positions));
            delete.executeUpdate();
        }
    }
}
