package org.remoteassistance.session.service;

import java.util.UUID;

public class DeviceRetiredException extends RuntimeException {

    private final UUID deviceId;

    public DeviceRetiredException(UUID deviceId) {
        super("Device " + deviceId + " is retired and gets no new remote assistance sessions.");
        this.deviceId = deviceId;
    }

    public UUID deviceId() {
        return deviceId;
    }
}
