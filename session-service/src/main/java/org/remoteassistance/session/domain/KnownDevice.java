package org.remoteassistance.session.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A device device-service told us about: enough to tell unknown and retired devices from ones that take sessions. */
@Entity
@Table(name = "known_device")
public class KnownDevice {

    @Id
    private UUID id;

    @Column(nullable = false)
    private boolean retired;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    protected KnownDevice() {
        // for JPA
    }

    public KnownDevice(UUID id, boolean retired, Instant changedAt) {
        this.id = id;
        this.retired = retired;
        this.changedAt = changedAt;
    }

    /**
     * Takes a newer snapshot of the device. An older one (redelivered, or read again from the compacted topic) changes
     * nothing, and a retired device stays retired.
     */
    public boolean update(boolean retired, Instant changedAt) {
        if (changedAt.isBefore(this.changedAt)) {
            return false;
        }
        this.retired = this.retired || retired;
        this.changedAt = changedAt;
        return true;
    }

    public UUID id() {
        return id;
    }

    public boolean retired() {
        return retired;
    }
}
