package org.remoteassistance.session.service;

import java.util.UUID;
import org.remoteassistance.events.RejectReason;

/** The device is not compliant, and the request did not say the requester knows and goes ahead. */
public class DeviceNonCompliantException extends SessionRefusedException {

    private final UUID deviceId;

    public DeviceNonCompliantException(UUID deviceId) {
        super("Device " + deviceId + " does not meet its compliance policies. Request the session with "
                + "acknowledgeNonCompliant: true to go ahead all the same; the acknowledgement is audited.");
        this.deviceId = deviceId;
    }

    public UUID deviceId() {
        return deviceId;
    }

    @Override
    public RejectReason reason() {
        return RejectReason.DEVICE_NONCOMPLIANT;
    }
}
