package org.remoteassistance.session.service;

import java.util.UUID;
import org.remoteassistance.events.RejectReason;

/** device-service has not told us about this device. */
public class UnknownDeviceException extends SessionRefusedException {

    private final UUID deviceId;

    public UnknownDeviceException(UUID deviceId) {
        super("No managed device " + deviceId + ".");
        this.deviceId = deviceId;
    }

    public UUID deviceId() {
        return deviceId;
    }

    @Override
    public RejectReason reason() {
        return RejectReason.DEVICE_UNKNOWN;
    }
}
