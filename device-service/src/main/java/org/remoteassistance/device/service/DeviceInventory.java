package org.remoteassistance.device.service;

import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.remoteassistance.device.domain.Device;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.Compliance;
import org.remoteassistance.events.DeviceComplianceChanged;
import org.remoteassistance.events.DeviceSnapshot;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.InvalidEventException;
import org.remoteassistance.events.Platform;
import org.remoteassistance.support.outbox.Outbox;
import org.remoteassistance.support.security.DeviceScope;

/**
 * The managed-device inventory: registering, finding, listing and retiring devices and keeping their compliance, each
 * change published.
 */
@ApplicationScoped
@Transactional
public class DeviceInventory {

    private static final Logger LOG = Logger.getLogger(DeviceInventory.class);
    private static final char LIKE_ESCAPE = '!';

    @Inject
    Outbox outbox;

    public Device register(String name, Platform platform, String osVersion, String serialNumber,
            String primaryUser, List<String> scopeTags) {
        Device device = Device.register(name, platform, osVersion, serialNumber, primaryUser, now());
        device.changeScopeTags(scopeTags);
        device.persist();
        outbox.publish(EventType.DEVICE_REGISTERED, snapshot(device, device.registeredAt));
        LOG.infof("Registered device %s (%s, %s)", device.id, device.platform, device.serialNumber);
        return device;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Device get(UUID id) {
        return Device.<Device>find("from Device d left join fetch d.remoteAssistance where d.id = ?1", id)
                .firstResultOptional().orElseThrow(() -> new UnknownDeviceException(id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DevicePage search(DeviceSearch search) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (!search.includeRetired()) {
            conditions.add("d.retiredAt is null");
        }
        if (search.platform() != null) {
            conditions.add("d.platform = :platform");
            parameters.and("platform", search.platform());
        }
        if (search.scope() != null) {
            conditions.add("array_contains(d.scopeTags, :scope)");
            parameters.and("scope", search.scope());
        }
        if (!search.reach().isAll()) {
            conditions.add("array_intersects(d.scopeTags, :reach)");
            parameters.and("reach", search.reach().tags().toArray(String[]::new));
        }
        if (search.text() != null) {
            conditions.add("(lower(d.name) like :text escape '" + LIKE_ESCAPE + "'"
                    + " or lower(d.primaryUser) like :text escape '" + LIKE_ESCAPE + "'"
                    + " or lower(d.serialNumber) like :text escape '" + LIKE_ESCAPE + "')");
            parameters.and("text", "%" + escapeLike(search.text().toLowerCase(Locale.ROOT)) + "%");
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        long total = Device.count("from Device d" + where, parameters);
        List<Device> items = total <= (long) search.page() * search.size() ? List.of()
                : Device.<Device>find("from Device d left join fetch d.remoteAssistance" + where
                        + " order by lower(d.name), d.id", parameters)
                        .page(search.page(), search.size()).list();
        return new DevicePage(items, total);
    }

    /**
     * Retires the device; retiring a retired device changes nothing and publishes nothing.
     *
     * @param reach the caller's scope: a device outside it is as unknown as one that does not exist
     */
    public Device retire(UUID id, DeviceScope reach) {
        // locked, so two concurrent retirements publish one DeviceRetired between them
        Device device = Device.<Device>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .filter(found -> reach.covers(List.of(found.scopeTags)))
                .orElseThrow(() -> new UnknownDeviceException(id));
        if (device.retire(now())) {
            outbox.publish(EventType.DEVICE_RETIRED, snapshot(device, device.retiredAt));
            LOG.infof("Retired device %s", device.id);
        }
        return device;
    }

    /**
     * Sets the device's compliance state, as an admin does through the API (now) or another system reports it
     * ({@code DeviceComplianceChanged}, dated by its reporter): a change is published as {@code DeviceUpdated}, so the
     * services that admit requests apply it; an older report than the last, or the state it has, changes nothing.
     */
    public Device changeCompliance(UUID id, Compliance state, Instant reportedAt, String by) {
        Device device = Device.<Device>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> new UnknownDeviceException(id));
        if (device.changeCompliance(state, reportedAt.truncatedTo(ChronoUnit.MICROS)) && !device.retired()) {
            outbox.publish(EventType.DEVICE_UPDATED, snapshot(device, now()));
            LOG.infof("Device %s is now %s (%s)", device.id, state, by);
        }
        return get(id); // with its overview's session loaded, for the answer
    }

    /** Sets the device's scope tags; a change is published as {@code DeviceUpdated} (not for a retired device). */
    public Device changeScopeTags(UUID id, List<String> tags) {
        Device device = Device.<Device>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> new UnknownDeviceException(id));
        if (device.changeScopeTags(tags) && !device.retired()) {
            outbox.publish(EventType.DEVICE_UPDATED, snapshot(device, now()));
            LOG.infof("Device %s is now in scopes %s", device.id, List.of(device.scopeTags));
        }
        return get(id); // with its overview's session loaded, for the answer
    }

    /** Another system reports a device's compliance; a device this service does not have is dead-lettered. */
    public void complianceChanged(CloudEvent<DeviceComplianceChanged> event) {
        DeviceComplianceChanged changed = event.data();
        if (Device.findByIdOptional(changed.deviceId()).isEmpty()) {
            throw new InvalidEventException("data.deviceId " + changed.deviceId() + " is not a device of this "
                    + "inventory");
        }
        changeCompliance(changed.deviceId(), Compliance.valueOf(changed.compliance()), changed.changedAt(),
                event.source());
    }

    private static DeviceSnapshot snapshot(Device device, Instant changedAt) {
        return new DeviceSnapshot(device.id, device.name, device.platform.name(), device.osVersion,
                device.serialNumber, device.primaryUser, device.retired(), changedAt, device.compliance.name(),
                List.of(device.scopeTags));
    }

    /** What the caller typed is matched literally: % and _ are not wildcards for them. */
    private static String escapeLike(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
                escaped.append(LIKE_ESCAPE);
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /** PostgreSQL keeps microseconds: the instant answered now is the one read back later. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
