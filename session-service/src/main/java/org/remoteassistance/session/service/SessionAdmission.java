package org.remoteassistance.session.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;
import org.remoteassistance.session.domain.RemoteAssistanceSessions;
import org.remoteassistance.support.devices.KnownDevice;
import org.remoteassistance.support.devices.KnownDevices;
import org.remoteassistance.support.security.DeviceScope;

/**
 * Whether a device takes a new session: it must be known, within the requester's scope
 * ({@code KnownDevice.within}), not retired, compliant unless the requester acknowledged it
 * is not (the rule every admitting service applies: {@code KnownDevice.nonCompliant}), and without an open session. One rule set for
 * both ways a request arrives, the API ({@link SessionService#request}) and another publisher's event
 * ({@link ConsumedSessionEvents}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class SessionAdmission {

    @Inject
    KnownDevices devices;

    @Inject
    RemoteAssistanceSessions sessions;

    /**
     * Empty if the device takes a new session; otherwise why not.
     *
     * @param nonCompliantAcknowledged the requester knows the device may not be compliant and goes ahead
     * @param reach                    the requester's scope (a scoped help desk's): the device must be within it
     */
    public Optional<SessionRefusedException> refusal(UUID deviceId, boolean nonCompliantAcknowledged,
            DeviceScope reach) {
        Optional<KnownDevice> device = devices.find(deviceId);
        if (device.isEmpty()) {
            return Optional.of(new UnknownDeviceException(deviceId));
        }
        // before any other refusal: a 409 for a retired or busy device would tell that it exists
        if (!device.get().within(reach)) {
            return Optional.of(new DeviceOutOfScopeException(deviceId));
        }
        if (device.get().retired()) {
            return Optional.of(new DeviceRetiredException(deviceId));
        }
        if (device.get().nonCompliant() && !nonCompliantAcknowledged) {
            return Optional.of(new DeviceNonCompliantException(deviceId));
        }
        return sessions.findOpenOnDevice(deviceId)
                .map(open -> new SessionAlreadyOpenException(deviceId, open.id(), open.status()));
    }

    /** Whether the device is known not to meet its compliance policies. */
    public boolean nonCompliant(UUID deviceId) {
        return devices.find(deviceId).map(KnownDevice::nonCompliant).orElse(false);
    }
}
