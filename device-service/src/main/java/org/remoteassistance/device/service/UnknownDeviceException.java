package org.remoteassistance.device.service;

import java.util.UUID;

/** No device has this id. */
public class UnknownDeviceException extends RuntimeException {

    private final UUID deviceId;

    public UnknownDeviceException(UUID deviceId) {
        super("unknown device " + deviceId);
        this.deviceId = deviceId;
    }

    public UUID deviceId() {
        return deviceId;
    }
}
