package org.remoteassistance.session.service;

import java.util.UUID;
import org.remoteassistance.events.RejectReason;

public class DeviceRetiredException extends SessionRefusedException {

    private final UUID deviceId;

    public DeviceRetiredException(UUID deviceId) {
        super("Device " + deviceId + " is retired and gets no new remote assistance sessions.");
        this.deviceId = deviceId;
    }

    public UUID deviceId() {
        return deviceId;
    }

    @Override
    public RejectReason reason() {
        return RejectReason.DEVICE_RETIRED;
    }
}
