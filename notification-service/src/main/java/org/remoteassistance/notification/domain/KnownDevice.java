package org.remoteassistance.notification.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.remoteassistance.events.Platform;

/** This service's read model of a managed device, kept from device-service's events: only what notifications need. */
@Entity
@Table(name = "known_device")
public class KnownDevice extends PanacheEntityBase {

    @Id
    public UUID id;

    /** As device-service sent it: one of the contract's platforms. */
    @Column(nullable = false)
    public String platform;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    public Optional<Platform> knownPlatform() {
        return Platform.of(platform);
    }

    /**
     * Takes a device snapshot unless it is older than the one already held (the devices topic can be replayed).
     *
     * @return whether the snapshot was applied
     */
    public boolean apply(String platform, Instant changedAt) {
        if (this.changedAt != null && changedAt.isBefore(this.changedAt)) {
            return false;
        }
        this.platform = platform;
        this.changedAt = changedAt;
        return true;
    }

    public static Optional<Platform> platformOf(UUID deviceId) {
        return KnownDevice.<KnownDevice>findByIdOptional(deviceId).flatMap(KnownDevice::knownPlatform);
    }
}
