package org.remoteassistance.device.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.remoteassistance.events.Compliance;
import org.remoteassistance.events.Platform;

/** A managed device in the inventory. Retiring keeps the row: its history and its id stay known. */
@Entity
@Table(name = "device")
public class Device extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, length = 200)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Platform platform;

    @Column(name = "os_version", length = 100)
    public String osVersion;

    @Column(name = "serial_number", nullable = false, length = 200)
    public String serialNumber;

    @Column(name = "primary_user", length = 200)
    public String primaryUser;

    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;

    @Column(name = "retired_at")
    public Instant retiredAt;

    /** Whether it meets its compliance policies; {@link Compliance#UNKNOWN} until someone says. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Compliance compliance = Compliance.UNKNOWN;

    /** When the compliance state last changed (as its reporter dated it); null before. */
    @Column(name = "compliance_changed_at")
    public Instant complianceChangedAt;

    /** The help-desk scopes it belongs to, without repeats, in the order given. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "scope_tags", nullable = false)
    public String[] scopeTags = new String[0];

    /** The session the overview shows; {@code null} before any. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "ra_session_id")
    public DeviceSession remoteAssistance;

    public static Device register(String name, Platform platform, String osVersion, String serialNumber,
            String primaryUser, Instant now) {
        Device device = new Device();
        device.id = UUID.randomUUID();
        device.name = name;
        device.platform = platform;
        device.osVersion = osVersion;
        device.serialNumber = serialNumber;
        device.primaryUser = primaryUser;
        device.registeredAt = now;
        return device;
    }

    public boolean retired() {
        return retiredAt != null;
    }

    /** @return {@code false} when it was already retired (nothing changes then) */
    public boolean retire(Instant now) {
        if (retired()) {
            return false;
        }
        retiredAt = now;
        return true;
    }

    /**
     * Takes a compliance state reported at {@code changedAt}; one reported before the last change is older news and
     * changes nothing, as does the state it already has.
     *
     * @return whether it changed
     */
    public boolean changeCompliance(Compliance state, Instant changedAt) {
        if (complianceChangedAt != null && changedAt.isBefore(complianceChangedAt)) {
            return false;
        }
        boolean changed = compliance != state;
        compliance = state;
        complianceChangedAt = changedAt;
        return changed;
    }

    /** @return whether the tags differ from those it had */
    public boolean changeScopeTags(List<String> tags) {
        String[] next = tags.stream().distinct().toArray(String[]::new);
        boolean changed = !java.util.Arrays.equals(scopeTags, next);
        scopeTags = next;
        return changed;
    }

    public RemoteAssistanceStatus remoteAssistanceStatus() {
        return remoteAssistance == null ? RemoteAssistanceStatus.NONE : remoteAssistance.status;
    }
}
