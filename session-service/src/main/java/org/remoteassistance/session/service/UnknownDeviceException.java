package org.remoteassistance.session.service;

import java.util.UUID;

/** device-service has not told us about this device. */
public class UnknownDeviceException extends RuntimeException {

    private final UUID deviceId;

    public UnknownDeviceException(UUID deviceId) {
        super("No managed device " + deviceId + ".");
        this.deviceId = deviceId;
    }

    public UUID deviceId() {
        return deviceId;
    }
}
