package org.remoteassistance.device.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.remoteassistance.events.Compliance;
import org.remoteassistance.events.Platform;

/** A device as the API shows it. */
public record DeviceView(UUID id, String name, Platform platform, String osVersion, String serialNumber,
        String primaryUser, Instant registeredAt, boolean retired, Instant retiredAt, Compliance compliance,
        List<String> scopeTags,
        RemoteAssistanceView remoteAssistance) {
}
