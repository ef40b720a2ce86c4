package org.remoteassistance.support.devices;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.remoteassistance.events.Platform;

/**
 * What a service knows of a device from device-service's snapshots on the devices topic.
 *
 * @param platform  as device-service sent it (null for a device learnt before platforms were kept)
 * @param changedAt when device-service last changed it
 */
public record KnownDevice(UUID id, boolean retired, String platform, Instant changedAt) {

    /** The platform, when it is one of the contract's. */
    public Optional<Platform> knownPlatform() {
        return Platform.of(platform);
    }
}
