package org.remoteassistance.connector.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** What the connector knows of a managed device, kept from device-service's events. */
@Entity
@Table(name = "known_device")
public class KnownDevice extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public boolean retired;

    /** When device-service last changed it: an older snapshot never overwrites a newer one. */
    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;
}
