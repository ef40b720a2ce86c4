package org.remoteassistance.device.rest;

import java.util.List;
import org.remoteassistance.device.domain.Device;
import org.remoteassistance.device.domain.DeviceSession;
import org.remoteassistance.device.domain.RemoteAssistanceStatus;

/** Turns entities into the records the API speaks. */
final class DeviceMapper {

    private static final RemoteAssistanceView NO_SESSION = new RemoteAssistanceView(RemoteAssistanceStatus.NONE,
            null, false, null, null, null);

    private DeviceMapper() {
    }

    static DeviceView view(Device device) {
        return new DeviceView(device.id, device.name, device.platform, device.osVersion, device.serialNumber,
                device.primaryUser, device.registeredAt, device.retired(), device.retiredAt, device.compliance,
                List.of(device.scopeTags),
                remoteAssistance(device.remoteAssistance));
    }

    private static RemoteAssistanceView remoteAssistance(DeviceSession session) {
        if (session == null) {
            return NO_SESSION;
        }
        return new RemoteAssistanceView(session.status, session.sessionId, session.status.startAvailable(),
                session.reason, session.notifiedAt, session.updatedAt);
    }
}
