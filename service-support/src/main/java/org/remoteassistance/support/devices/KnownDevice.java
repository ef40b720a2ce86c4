package org.remoteassistance.support.devices;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.remoteassistance.events.Compliance;
import org.remoteassistance.events.Platform;
import org.remoteassistance.support.security.DeviceScope;

/**
 * What a service knows of a device from device-service's snapshots on the devices topic.
 *
 * @param platform   as device-service sent it (null for a device learnt before platforms were kept)
 * @param changedAt  when device-service last changed it
 * @param compliance as device-service sent it (null before it said, which reads as UNKNOWN)
 * @param scopeTags  the help-desk scopes it belongs to (empty before a snapshot said them)
 */
public record KnownDevice(UUID id, boolean retired, String platform, Instant changedAt, String compliance,
        List<String> scopeTags) {

    public KnownDevice {
        scopeTags = scopeTags == null ? List.of() : List.copyOf(scopeTags);
    }

    /**
     * Known not to meet its compliance policies: a session for it needs the requester's acknowledgement. One rule for
     * every service that admits requests (session-service, connector-service), so they reach one verdict.
     */
    public boolean nonCompliant() {
        return Compliance.NONCOMPLIANT.name().equals(compliance);
    }

    /**
     * Within the scope a request names: one rule for every service that admits requests, as {@link #nonCompliant}.
     */
    public boolean within(DeviceScope scope) {
        return scope.covers(scopeTags);
    }

    /** The platform, when it is one of the contract's. */
    public Optional<Platform> knownPlatform() {
        return Platform.of(platform);
    }
}
