package org.remoteassistance.device.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A remote assistance session of a device as this service has learnt it from session events, which reach it from
 * several topics in no particular order. Its status only moves forward; which session the device overview shows is
 * decided by {@link org.remoteassistance.device.service.RemoteAssistanceTracker}, which writes these rows.
 */
@Entity
@Table(name = "device_session")
public class DeviceSession extends PanacheEntityBase {

    @Id
    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "device_id", nullable = false)
    public UUID deviceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public RemoteAssistanceStatus status;

    /** Why it ended or was rejected. */
    @Column(length = 64)
    public String reason;

    /**
     * When it was requested. Until its {@code SessionRequested} arrives this is the earliest time any of its events
     * carries, which can only be later than the real request: enough to order it against the device's other sessions.
     */
    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "request_seen", nullable = false)
    public boolean requestSeen;

    @Column(name = "notified_at")
    public Instant notifiedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
