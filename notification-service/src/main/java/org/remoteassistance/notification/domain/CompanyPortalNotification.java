package org.remoteassistance.notification.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.remoteassistance.events.Platform;

/**
 * What the Company Portal shows on a device when an administrator asks to assist it remotely: one per session. It is
 * actionable while the session can still start, and read once the person at the device has opened it.
 */
@Entity
@Table(name = "company_portal_notification")
public class CompanyPortalNotification extends PanacheEntityBase {

    public static final String TITLE = "Remote assistance request";
    /** The words of the Company Portal help page; clients and the other services rely on them. */
    public static final String MESSAGE =
            "Your IT administrator is requesting control of this device for a remote assistance session";
    public static final String TIME_LIMIT_TITLE = "Remote assistance session ended";
    public static final String TIME_LIMIT_MESSAGE =
            "The remote assistance session on this device reached its time limit and has ended";

    @Id
    public UUID id;

    @Column(name = "device_id", nullable = false)
    public UUID deviceId;

    @Column(name = "session_id", nullable = false, unique = true)
    public UUID sessionId;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String message;

    /** Why the administrator asks, when they chose to tell the device user ({@code SessionAcknowledged.reasonForUser}). */
    public String reason;

    @Column(name = "end_customer_link", nullable = false)
    public String endCustomerLink;

    @Column(name = "session_code", nullable = false)
    public String sessionCode;

    @Column(nullable = false)
    public String instructions;

    @Column(nullable = false)
    public boolean actionable;

    @Column(name = "read_at")
    public Instant readAt;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;

    /** A new, unread, actionable notification of an acknowledged session, with the reason if the device is told it. */
    public static CompanyPortalNotification issue(UUID sessionId, UUID deviceId, String endCustomerLink,
            String sessionCode, String reason, Optional<Platform> platform, Instant issuedAt) {
        CompanyPortalNotification notification = new CompanyPortalNotification();
        notification.id = UUID.randomUUID();
        notification.sessionId = sessionId;
        notification.deviceId = deviceId;
        notification.title = TITLE;
        notification.message = MESSAGE;
        notification.reason = reason;
        notification.endCustomerLink = endCustomerLink;
        notification.sessionCode = sessionCode;
        notification.instructions = PartnerAppInstructions.forPlatform(platform, sessionCode);
        notification.actionable = true;
        notification.issuedAt = issuedAt;
        return notification;
    }

    public boolean isRead() {
        return readAt != null;
    }

    /** Reading again keeps the first time it was read. */
    public void markRead(Instant now) {
        if (readAt == null) {
            readAt = now;
        }
    }

    /** The session is over: its code is dead and there is nothing left to do. Never undone. */
    public void withdraw() {
        actionable = false;
    }

    /** Whether it still invites the person at the device to join: the session has not ended. */
    public boolean isActionable() {
        return actionable;
    }

    /**
     * This notification sent again (an admin's resend): a new one, unread and issued now, with the same words, steps
     * and reason, to take this one's place.
     */
    public CompanyPortalNotification sentAgain(Instant issuedAt) {
        CompanyPortalNotification again = successor(issuedAt);
        again.title = title;
        again.message = message;
        again.reason = reason;
        again.instructions = instructions;
        again.actionable = true;
        return again;
    }

    /**
     * The notice that replaces this notification when its session ended at its time limit: new, unread, not
     * actionable, saying why the session stopped. The code and link stay for the record; they are dead.
     */
    public CompanyPortalNotification timeLimitNotice(Instant issuedAt) {
        CompanyPortalNotification notice = successor(issuedAt);
        notice.title = TIME_LIMIT_TITLE;
        notice.message = TIME_LIMIT_MESSAGE;
        notice.instructions = "Ask your IT administrator for a new session if you still need help.";
        notice.actionable = false;
        return notice;
    }

    /** A new notification of the same session and device, code and link, unread and issued at {@code issuedAt}. */
    private CompanyPortalNotification successor(Instant issuedAt) {
        CompanyPortalNotification next = new CompanyPortalNotification();
        next.id = UUID.randomUUID();
        next.sessionId = sessionId;
        next.deviceId = deviceId;
        next.endCustomerLink = endCustomerLink;
        next.sessionCode = sessionCode;
        next.issuedAt = issuedAt;
        return next;
    }

    public static Optional<CompanyPortalNotification> forSession(UUID sessionId) {
        return find("sessionId", sessionId).firstResultOptional();
    }

    public static List<CompanyPortalNotification> newestOf(UUID deviceId, int limit) {
        return find("deviceId", Sort.descending("issuedAt", "id"), deviceId).page(Page.ofSize(limit)).list();
    }

    public static long unreadOf(UUID deviceId) {
        return count("deviceId = ?1 and readAt is null", deviceId);
    }
}
