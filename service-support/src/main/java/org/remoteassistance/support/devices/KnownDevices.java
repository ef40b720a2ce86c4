package org.remoteassistance.support.devices;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.DeviceSnapshot;
import org.remoteassistance.events.EventType;

/**
 * The one device read model every consuming service keeps, in table {@code known_device} of its own schema, from the
 * snapshots device-service publishes ({@code DeviceRegistered}, {@code DeviceUpdated}, {@code DeviceRetired}). One rule for all: a snapshot
 * older than the one held changes nothing (the compacted topic is read again from the start by a new consumer group,
 * and replays happen), and a retired device stays retired. Plain JDBC on the transaction's connection: one statement
 * per snapshot, one per look-up.
 */
@ApplicationScoped
public class KnownDevices {

    @Inject
    AgroalDataSource dataSource;

    /** Takes a device snapshot in the caller's transaction (a consumed event's). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(CloudEvent<DeviceSnapshot> event) {
        DeviceSnapshot device = event.data();
        boolean retired = EventType.DEVICE_RETIRED.equals(event.type()) || device.retired();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("""
                        INSERT INTO known_device (id, retired, platform, changed_at, compliance, scope_tags)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE
                        SET retired = known_device.retired OR excluded.retired, platform = excluded.platform,
                            changed_at = excluded.changed_at, compliance = excluded.compliance,
                            scope_tags = excluded.scope_tags
                        WHERE known_device.changed_at <= excluded.changed_at""")) {
            upsert.setObject(1, device.deviceId());
            upsert.setBoolean(2, retired);
            upsert.setString(3, device.platform());
            upsert.setObject(4, device.changedAt().atOffset(ZoneOffset.UTC));
            upsert.setString(5, device.compliance());
            upsert.setArray(6, device.scopeTags() == null ? null
                    : connection.createArrayOf("text", device.scopeTags().toArray()));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record device " + device.deviceId() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The devices within a limited scope (with one of its tags), as a sub-select for a native query of the service's
     * own tables: {@code device_id IN (<this>)}, its one parameter {@link #tagsParameter} (tags have no commas).
     */
    public static final String IN_SCOPE = "SELECT id FROM known_device WHERE scope_tags && string_to_array(?, ',')";

    /** The scope's tags as the parameter of {@link #IN_SCOPE}. */
    public static String tagsParameter(Collection<String> tags) {
        return String.join(",", tags);
    }

    /** The device as last seen, in the caller's transaction if there is one; empty if no snapshot came yet. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<KnownDevice> find(UUID deviceId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT retired, platform, changed_at, compliance, scope_tags FROM known_device WHERE id = ?")) {
            select.setObject(1, deviceId);
            try (ResultSet found = select.executeQuery()) {
                if (!found.next()) {
                    return Optional.empty();
                }
                return Optional.of(new KnownDevice(deviceId, found.getBoolean(1), found.getString(2),
                        found.getObject(3, OffsetDateTime.class).toInstant(), found.getString(4),
                        tags(found.getArray(5))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read device " + deviceId + ": " + e.getMessage(), e);
        }
    }

    private static List<String> tags(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
