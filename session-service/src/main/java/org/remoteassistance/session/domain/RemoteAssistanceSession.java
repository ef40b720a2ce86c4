package org.remoteassistance.session.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import org.remoteassistance.events.EndReason;

/**
 * A remote assistance session and its lifecycle: the one place that decides which action applies in which status.
 *
 * <pre>
 * REQUESTED ── partner acknowledges ──▶ ACKNOWLEDGED ── admin started + device allowed ──▶ IN_PROGRESS
 *   ├─ rejected ──▶ REJECTED              ├─ device declines ──▶ ENDED (DECLINED)           └─ end ──▶ ENDED
 *   ├─ end ──▶ ENDED                      ├─ end ──▶ ENDED                                ├─ end ──▶ ENDED
 *   └─ not accepted in time ──▶ EXPIRED   └─ not accepted in time ──▶ EXPIRED             └─ time limit ──▶ ENDED
 * </pre>
 *
 * Actions that do not apply throw {@link SessionStateException}; events that arrive late or twice change nothing, so
 * a session never moves backwards.
 */
@Entity
@Table(name = "remote_assistance_session")
public class RemoteAssistanceSession {

    @Id
    private UUID id;

    @Column(name = "device_id", nullable = false)
    private UUID deviceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SessionStatus status;

    private String partner;

    @Column(name = "session_code")
    private String sessionCode;

    @Column(name = "supporter_link")
    private String supporterLink;

    @Column(name = "end_customer_link")
    private String endCustomerLink;

    @Column(name = "valid_until")
    private Instant validUntil;

    @Column(name = "requested_by", nullable = false)
    private String requestedBy;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;

    @Column(name = "notified_at")
    private Instant notifiedAt;

    @Column(name = "admin_started_at")
    private Instant adminStartedAt;

    @Column(name = "device_allowed_at")
    private Instant deviceAllowedAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "end_reason")
    private EndReason endReason;

    @Column(name = "reject_reason")
    private String rejectReason;

    @Column(name = "reject_detail")
    private String rejectDetail;

    /** How long it may run once in progress; null for sessions from before time limits (they run until ended). */
    @Column(name = "max_duration_minutes")
    private Integer maxDurationMinutes;

    /** When it ends with {@link EndReason#TIME_LIMIT}: set once it is in progress. */
    @Column(name = "time_limit_at")
    private Instant timeLimitAt;

    /** Why it was requested, as the requester wrote it; null if they gave none. */
    private String reason;

    @Column(name = "ticket_id")
    private String ticketId;

    @Column(name = "show_reason_to_user", nullable = false)
    private boolean showReasonToUser;

    /** The requester went ahead knowing the device may not be compliant ({@code acknowledgeNonCompliant}). */
    @Column(name = "non_compliant_acknowledged", nullable = false)
    private boolean nonCompliantAcknowledged;

    /** How many times the device's notification was sent again. */
    @Column(name = "notification_resends", nullable = false)
    private int notificationResends;

    /** Unique with {@link #requestedBy}: a key is its caller's own. */
    @Column(name = "idempotency_key")
    private String idempotencyKey;

    @Version
    private long version;

    protected RemoteAssistanceSession() {
        // for JPA
    }

    private RemoteAssistanceSession(UUID id, UUID deviceId, String requestedBy, Instant requestedAt,
            SessionTerms terms) {
        this.id = Objects.requireNonNull(id, "id");
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.requestedBy = Objects.requireNonNull(requestedBy, "requestedBy");
        this.requestedAt = stored(Objects.requireNonNull(requestedAt, "requestedAt"));
        this.maxDurationMinutes = (int) terms.maxDuration().toMinutes();
        this.reason = terms.reason();
        this.ticketId = terms.ticketId();
        this.showReasonToUser = terms.showReasonToUser();
        this.nonCompliantAcknowledged = terms.nonCompliantAcknowledged();
        this.status = SessionStatus.REQUESTED;
    }

    /** A new session the admin (or another publisher) asked for, on the terms they set. */
    public static RemoteAssistanceSession requested(UUID id, UUID deviceId, String requestedBy, Instant requestedAt,
            SessionTerms terms, String idempotencyKey) {
        RemoteAssistanceSession session = new RemoteAssistanceSession(id, deviceId, requestedBy, requestedAt, terms);
        session.idempotencyKey = idempotencyKey;
        return session;
    }

    /** A session requested by another publisher that could not start here (device unknown or retired, say). */
    public static RemoteAssistanceSession rejectedOnArrival(UUID id, UUID deviceId, String requestedBy,
            Instant requestedAt, SessionTerms terms, String reason, String detail, Instant rejectedAt) {
        RemoteAssistanceSession session = new RemoteAssistanceSession(id, deviceId, requestedBy, requestedAt, terms);
        session.reject(reason, detail, rejectedAt);
        return session;
    }

    /** The partner created its session. Only a {@link SessionStatus#REQUESTED} session takes it; later ones are stale. */
    public Outcome acknowledge(PartnerSession partnerSession, Instant at) {
        if (status != SessionStatus.REQUESTED) {
            return Outcome.UNCHANGED;
        }
        moveTo(SessionStatus.ACKNOWLEDGED);
        partner = partnerSession.partner();
        sessionCode = partnerSession.sessionCode();
        supporterLink = partnerSession.supporterLink();
        endCustomerLink = partnerSession.endCustomerLink();
        validUntil = stored(partnerSession.validUntil());
        acknowledgedAt = stored(at);
        return Outcome.RECORDED;
    }

    /** It could not start. Only a session the partner has not acknowledged can be rejected. */
    public Outcome reject(String reason, String detail, Instant at) {
        if (status != SessionStatus.REQUESTED) {
            return Outcome.UNCHANGED;
        }
        moveTo(SessionStatus.REJECTED);
        rejectReason = Objects.requireNonNull(reason, "reason");
        rejectDetail = detail;
        endedAt = stored(at);
        return Outcome.RECORDED;
    }

    /** The device was notified; the first notification is the one that counts. */
    public Outcome recordNotified(Instant at) {
        if (notifiedAt != null) {
            return Outcome.UNCHANGED;
        }
        notifiedAt = stored(at);
        return Outcome.RECORDED;
    }

    /**
     * The device's notification is to be sent again (Remote Help's Retry): only while the session is acknowledged,
     * the device was notified and its user has not answered, and at most {@code mostResends} times.
     *
     * @return which resend this is: 1, 2, ...
     */
    public int resendNotification(int mostResends) {
        if (status != SessionStatus.ACKNOWLEDGED) {
            requireStartable("notified again");
            throw new SessionStateException(id, deviceId, status, "Session " + id + " is in progress: the device user "
                    + "allowed it, there is nothing to resend.");
        }
        if (deviceAllowedAt != null) {
            throw new SessionStateException(id, deviceId, status, "Session " + id + " was allowed by the device user "
                    + "already; there is nothing to resend. Start it instead.");
        }
        if (notifiedAt == null) {
            throw new SessionStateException(id, deviceId, status, "Session " + id + " has not been notified to the "
                    + "device yet; its notification is on its way.");
        }
        if (notificationResends >= mostResends) {
            throw new SessionStateException(id, deviceId, status, "The notification of session " + id + " was sent "
                    + "again " + notificationResends + " times already, the most a session allows. End it and request "
                    + "a new one if the device still needs help.");
        }
        return ++notificationResends;
    }

    /** The admin launches the partner app. */
    public Outcome adminStart(Instant at) {
        requireStartable("started");
        if (status == SessionStatus.IN_PROGRESS || adminStartedAt != null) {
            return Outcome.UNCHANGED;
        }
        adminStartedAt = stored(at);
        return startIfBothAgreed(at);
    }

    /** The device user allows the session to start. */
    public Outcome deviceAllows(Instant at) {
        requireStartable("allowed");
        if (status == SessionStatus.IN_PROGRESS || deviceAllowedAt != null) {
            return Outcome.UNCHANGED;
        }
        deviceAllowedAt = stored(at);
        return startIfBothAgreed(at);
    }

    /** The device user declines: the session ends with {@link EndReason#DECLINED}. Declining twice changes nothing. */
    public Outcome deviceDeclines(Instant at) {
        if (status == SessionStatus.ENDED && endReason == EndReason.DECLINED) {
            return Outcome.UNCHANGED;
        }
        if (status == SessionStatus.IN_PROGRESS) {
            throw new SessionStateException(id, deviceId, status, "Session " + id
                    + " is already in progress; the device user allowed it. End it instead of declining.");
        }
        requireStartable("declined");
        return close(SessionStatus.ENDED, EndReason.DECLINED, at);
    }

    /** Either side closes the session. Ending a session that is already over changes nothing. */
    public Outcome end(EndReason reason, Instant at) {
        if (!status.isOpen()) {
            return Outcome.UNCHANGED;
        }
        return close(SessionStatus.ENDED, reason, at);
    }

    /** Nobody accepted it in time. Only a session still waiting for acceptance expires. */
    public Outcome expire(Instant at) {
        if (!SessionStatus.AWAITING_ACCEPTANCE.contains(status)) {
            return Outcome.UNCHANGED;
        }
        return close(SessionStatus.EXPIRED, EndReason.EXPIRED, at);
    }

    /**
     * It has run for as long as it may: it ends with {@link EndReason#TIME_LIMIT}. Only a session in progress whose
     * limit has come ends; any other changes nothing.
     */
    public Outcome reachTimeLimit(Instant at) {
        if (status != SessionStatus.IN_PROGRESS || timeLimitAt == null || at.isBefore(timeLimitAt)) {
            return Outcome.UNCHANGED;
        }
        return close(SessionStatus.ENDED, EndReason.TIME_LIMIT, at);
    }

    private Outcome startIfBothAgreed(Instant at) {
        if (adminStartedAt == null || deviceAllowedAt == null) {
            return Outcome.RECORDED;
        }
        moveTo(SessionStatus.IN_PROGRESS);
        startedAt = stored(at);
        if (maxDurationMinutes != null) {
            timeLimitAt = startedAt.plus(Duration.ofMinutes(maxDurationMinutes));
        }
        return Outcome.STARTED;
    }

    private Outcome close(SessionStatus closed, EndReason reason, Instant at) {
        moveTo(closed);
        endReason = reason;
        endedAt = stored(at);
        return Outcome.ENDED;
    }

    /** Start, allow and decline need the partner's session, and a session that is over never comes back. */
    private void requireStartable(String action) {
        switch (status) {
            case ACKNOWLEDGED, IN_PROGRESS -> {
            }
            case REQUESTED -> throw new SessionStateException(id, deviceId, status, "Session " + id
                    + " cannot be " + action + " yet: the partner has not acknowledged it, so there is no session "
                    + "code. Try again once it is ACKNOWLEDGED.");
            case ENDED -> throw new SessionStateException(id, deviceId, status, "Session " + id + " has ended (" + endReason
                    + "). Its session code was single-use and is no longer valid; request a new session for the "
                    + "device.");
            case EXPIRED -> throw new SessionStateException(id, deviceId, status, "Session " + id
                    + " expired before it was accepted. Its session code was single-use and is no longer valid; "
                    + "request a new session for the device.");
            case REJECTED -> throw new SessionStateException(id, deviceId, status, "Session " + id + " was rejected ("
                    + rejectReason + ") and never started; request a new session for the device.");
        }
    }

    private void moveTo(SessionStatus next) {
        if (!status.canMoveTo(next)) {
            throw new IllegalStateException("a session cannot move from " + status + " to " + next);
        }
        status = next;
    }

    /** PostgreSQL keeps microseconds; the API and the events must show the same instant. */
    private static Instant stored(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
    }

    public UUID id() {
        return id;
    }

    public UUID deviceId() {
        return deviceId;
    }

    public SessionStatus status() {
        return status;
    }

    public String partner() {
        return partner;
    }

    public String sessionCode() {
        return sessionCode;
    }

    public String supporterLink() {
        return supporterLink;
    }

    public String endCustomerLink() {
        return endCustomerLink;
    }

    public Instant validUntil() {
        return validUntil;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public Instant acknowledgedAt() {
        return acknowledgedAt;
    }

    public Instant notifiedAt() {
        return notifiedAt;
    }

    public Instant adminStartedAt() {
        return adminStartedAt;
    }

    public Instant deviceAllowedAt() {
        return deviceAllowedAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public EndReason endReason() {
        return endReason;
    }

    public String rejectReason() {
        return rejectReason;
    }

    public String rejectDetail() {
        return rejectDetail;
    }

    /** @return the time limit in minutes, or null for a session from before time limits */
    public Integer maxDurationMinutes() {
        return maxDurationMinutes;
    }

    /** @return when it ends with {@link EndReason#TIME_LIMIT}, once in progress; else null */
    public Instant timeLimitAt() {
        return timeLimitAt;
    }

    public String reason() {
        return reason;
    }

    public String ticketId() {
        return ticketId;
    }

    public boolean showReasonToUser() {
        return showReasonToUser;
    }

    public boolean nonCompliantAcknowledged() {
        return nonCompliantAcknowledged;
    }

    public int notificationResends() {
        return notificationResends;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }
}
