package org.remoteassistance.session.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * One line of the audit trail: who did what to which session on which device, when, and how it came out. Written in
 * the transaction of the change it records and never changed afterwards.
 */
@Entity
@Table(name = "session_audit")
public class SessionAuditEntry {

    public static final int MAX_DETAIL_LENGTH = 1024;

    /**
     * Insertion order: breaks ties between entries of the same instant. Given out by this service from blocks of the
     * sequence (no round trip per entry), so the entries of a transaction are inserted together.
     */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "session_audit_id")
    @SequenceGenerator(name = "session_audit_id", sequenceName = "session_audit_ids", allocationSize = 50)
    private Long id;

    /** Null for a refused request, which never got a session of its own. */
    @Column(name = "session_id")
    private UUID sessionId;

    @Column(name = "device_id", nullable = false)
    private UUID deviceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AuditAction action;

    @Column(nullable = false)
    private String actor;

    @Column(name = "actor_role", nullable = false)
    private String actorRole;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AuditOutcome outcome;

    private String detail;

    @Column(nullable = false)
    private Instant at;

    protected SessionAuditEntry() {
        // for JPA
    }

    public SessionAuditEntry(UUID sessionId, UUID deviceId, AuditAction action, Actor actor, AuditOutcome outcome,
            String detail, Instant at) {
        this.sessionId = sessionId;
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.action = Objects.requireNonNull(action, "action");
        this.actor = actor.name();
        this.actorRole = actor.role();
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.detail = detail == null || detail.length() <= MAX_DETAIL_LENGTH ? detail
                : detail.substring(0, MAX_DETAIL_LENGTH - 1) + "…";
        // PostgreSQL keeps microseconds; the API and the published event must show the same instant
        this.at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS);
    }

    public Long id() {
        return id;
    }

    public UUID sessionId() {
        return sessionId;
    }

    public UUID deviceId() {
        return deviceId;
    }

    public AuditAction action() {
        return action;
    }

    public String actor() {
        return actor;
    }

    public String actorRole() {
        return actorRole;
    }

    public AuditOutcome outcome() {
        return outcome;
    }

    public String detail() {
        return detail;
    }

    public Instant at() {
        return at;
    }
}
