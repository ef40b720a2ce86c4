package org.remoteassistance.session.service;

import java.util.UUID;
import org.remoteassistance.events.RejectReason;

/**
 * The device is outside the requester's scopes. The API answers it exactly as an unknown device (404), so that a scoped
 * help desk cannot learn which devices exist outside its scopes; the audit trail and another publisher's rejected
 * request say what it was.
 */
public class DeviceOutOfScopeException extends UnknownDeviceException {

    public DeviceOutOfScopeException(UUID deviceId) {
        super(deviceId);
    }

    @Override
    public RejectReason reason() {
        return RejectReason.DEVICE_OUT_OF_SCOPE;
    }

    /** The caller is answered {@link #getMessage()}, as for an unknown device; the trail records what it was. */
    @Override
    public String detail() {
        return "Device " + deviceId() + " is outside the requester's scopes; answered as if it did not exist.";
    }
}
