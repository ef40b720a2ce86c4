package org.remoteassistance.connector.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;
import org.remoteassistance.connector.domain.KnownDevice;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.DeviceSnapshot;
import org.remoteassistance.support.inbox.Inbox;

/** The devices the connector knows of, kept from device-service's snapshots. */
@ApplicationScoped
@Transactional
public class DeviceReadModel {

    @Inject
    Inbox inbox;

    @Inject
    EntityManager entityManager;

    /** Applies a snapshot unless a newer one is already known (the topic is compacted, but replays happen). */
    public void apply(CloudEvent<DeviceSnapshot> event) {
        if (!inbox.firstDelivery(event, PartnerSessionService.CONSUMER)) {
            return;
        }
        DeviceSnapshot device = event.data();
        entityManager.createNativeQuery("""
                INSERT INTO known_device (id, retired, changed_at) VALUES (:id, :retired, :changedAt)
                ON CONFLICT (id) DO UPDATE SET retired = excluded.retired, changed_at = excluded.changed_at
                WHERE known_device.changed_at <= excluded.changed_at""")
                .setParameter("id", device.deviceId())
                .setParameter("retired", device.retired())
                .setParameter("changedAt", device.changedAt())
                .executeUpdate();
    }

    /** In a short transaction of its own: callers are Kafka and scheduler threads, with no request context. */
    public Optional<KnownDevice> find(UUID deviceId) {
        return KnownDevice.findByIdOptional(deviceId);
    }
}
