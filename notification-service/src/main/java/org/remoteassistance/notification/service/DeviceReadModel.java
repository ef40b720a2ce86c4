package org.remoteassistance.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.DeviceSnapshot;
import org.remoteassistance.notification.domain.KnownDevice;

/** Keeps the read model of devices from device-service's snapshots (registered or retired alike). */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class DeviceReadModel {

    public void apply(CloudEvent<DeviceSnapshot> event) {
        DeviceSnapshot snapshot = event.data();
        KnownDevice device = KnownDevice.<KnownDevice>findByIdOptional(snapshot.deviceId()).orElseGet(() -> {
            KnownDevice known = new KnownDevice();
            known.id = snapshot.deviceId();
            return known;
        });
        if (device.apply(snapshot.platform(), snapshot.changedAt()) && !device.isPersistent()) {
            device.persist();
        }
    }
}
