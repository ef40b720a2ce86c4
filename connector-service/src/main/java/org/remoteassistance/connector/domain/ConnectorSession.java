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
import java.util.Optional;
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

    public static ConnectorSession opened(UUID sessionId, UUID deviceId, String code, String supporterLink,
            String endCustomerLink, Instant validUntil, Instant now) {
        ConnectorSession session = new ConnectorSession();
        session.sessionId = sessionId;
        session.deviceId = deviceId;
        session.code = code;
        session.state = PartnerSessionState.OPEN;
        session.supporterLink = supporterLink;
        session.endCustomerLink = endCustomerLink;
        session.validUntil = validUntil;
        session.createdAt = now;
        return session;
    }

    /**
     * Remembers a session that ended before any partner session was made for it, so that its late request makes none.
     */
    public static ConnectorSession endedBeforeCreation(UUID sessionId, UUID deviceId, Instant now) {
        ConnectorSession session = new ConnectorSession();
        session.sessionId = sessionId;
        session.deviceId = deviceId;
        session.state = PartnerSessionState.CLOSED;
        session.createdAt = now;
        session.closedAt = now;
        return session;
    }

    public static Optional<ConnectorSession> find(UUID sessionId) {
        return findByIdOptional(sessionId);
    }

    /** The open partner session of this device for another remote assistance session, if any. */
    public static Optional<ConnectorSession> openForDevice(UUID deviceId, UUID otherThan) {
        return find("deviceId = ?1 and state = ?2 and sessionId <> ?3", deviceId, PartnerSessionState.OPEN,
                otherThan).firstResultOptional();
    }

    public static List<ConnectorSession> closePending() {
        return list("state", PartnerSessionState.CLOSE_PENDING);
    }

    /** The remote assistance session ended: the partner session is to be closed. */
    public boolean endRequested() {
        if (state != PartnerSessionState.OPEN) {
            return false;
        }
        state = PartnerSessionState.CLOSE_PENDING;
        return true;
    }

    public void closed(Instant at) {
        state = PartnerSessionState.CLOSED;
        closedAt = at;
        lastError = null;
    }

    public void closeFailed(String reason) {
        lastError = reason;
    }
}
