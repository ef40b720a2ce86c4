package org.remoteassistance.session.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.DeviceSnapshot;
import org.remoteassistance.events.EventType;
import org.remoteassistance.session.domain.KnownDevice;
import org.remoteassistance.session.domain.KnownDevices;

/** Keeps which devices exist and which are retired, from device-service's {@code DeviceRegistered}/{@code DeviceRetired}. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class DeviceReadModel {

    @Inject
    KnownDevices devices;

    public void apply(CloudEvent<DeviceSnapshot> event) {
        DeviceSnapshot snapshot = event.data();
        boolean retired = EventType.DEVICE_RETIRED.equals(event.type()) || snapshot.retired();
        devices.findByIdOptional(snapshot.deviceId()).ifPresentOrElse(
                device -> device.update(retired, snapshot.changedAt()),
                () -> devices.persist(new KnownDevice(snapshot.deviceId(), retired, snapshot.changedAt())));
    }
}
