package org.remoteassistance.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.DeviceSnapshot;
import org.remoteassistance.notification.domain.KnownDevice;
import org.remoteassistance.support.inbox.Inbox;

/** Keeps the read model of devices from device-service's snapshots (registered or retired alike). */
@ApplicationScoped
@Transactional
public class DeviceDirectory {

    @Inject
    Inbox inbox;

    public void apply(CloudEvent<DeviceSnapshot> event) {
        if (!inbox.firstDelivery(event, CompanyPortalNotifications.CONSUMER)) {
            return;
        }
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
