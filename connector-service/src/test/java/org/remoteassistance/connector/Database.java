package org.remoteassistance.connector;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads the service's tables directly, as an operator with psql would. */
@ApplicationScoped
public class Database {

    @Inject
    DataSource dataSource;

    /** The connector row, every column as text, as a dump of the table would show it. */
    public Map<String, String> connectorRow() {
        return row("SELECT * FROM connector WHERE id = 'teamviewer'").orElseThrow();
    }

    /** Raw bytes of the stored ciphertext, or null. */
    public byte[] tokenCiphertext() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection
                        .prepareStatement("SELECT token_ciphertext FROM connector WHERE id = 'teamviewer'");
                ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getBytes(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<Map<String, String>> partnerSession(UUID sessionId) {
        return row("SELECT * FROM partner_session WHERE session_id = '" + sessionId + "'");
    }

    public boolean deviceKnown(UUID deviceId, boolean retired) {
        return row("SELECT * FROM known_device WHERE id = '" + deviceId + "'")
                .map(device -> device.get("retired").equals(retired ? "t" : "f")
                        || device.get("retired").equals(Boolean.toString(retired)))
                .orElse(false);
    }

    public Optional<String> deviceCompliance(UUID deviceId) {
        return row("SELECT * FROM known_device WHERE id = '" + deviceId + "'").map(device -> device.get("compliance"));
    }

    /** Puts the connector back to how a fresh installation has it. */
    public void resetConnector() {
        update("UPDATE connector SET status = 'NOT_CONFIGURED', token_ciphertext = NULL, token_iv = NULL, "
                + "token_key_id = NULL, connected_at = NULL, last_checked_at = NULL, last_error = NULL");
    }

    public void update(String sql) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<Map<String, String>> row(String sql) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet result = statement.executeQuery()) {
            if (!result.next()) {
                return Optional.empty();
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                row.put(result.getMetaData().getColumnName(column), result.getString(column));
            }
            return Optional.of(row);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
