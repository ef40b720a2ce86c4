package org.remoteassistance.connector.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.DeviceSnapshot;

/** The devices the connector knows of, kept from device-service's snapshots. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class DeviceReadModel {

    @Inject
    EntityManager entityManager;

    /** Applies a snapshot unless a newer one is already known (the topic is compacted, but replays happen). */
    public void apply(CloudEvent<DeviceSnapshot> event) {
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

}
