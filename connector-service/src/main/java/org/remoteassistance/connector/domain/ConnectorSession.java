package org.remoteassistance.connector.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The partner session the connector holds for one remote assistance session (table {@code partner_session}). Its
 * state only moves forward: OPEN → CLOSE_PENDING → CLOSED.
 */
@Entity
@Table(name = "partner_session")
public class ConnectorSession extends PanacheEntityBase {

    @Id
    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "device_id", nullable = false)
    public UUID deviceId;

    /** Null only for a session that ended before the connector created anything for it. */
    public String code;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PartnerSessionState state;

    @Column(name = "supporter_link")
    public String supporterLink;

    @Column(name = "end_customer_link")
    public String endCustomerLink;

    @Column(name = "valid_until")
    public Instant validUntil;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    /** Why the last close attempt failed; never holds the token. */
    @Column(name = "last_error")
    public String lastError;

    public static List<ConnectorSession> closePending() {
        return list("state", PartnerSessionState.CLOSE_PENDING);
    }

    public void closeFailed(String reason) {
        lastError = reason;
    }
}
