package org.remoteassistance.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.EndReason;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.InvalidEventException;
import org.remoteassistance.events.NotificationIssued;
import org.remoteassistance.events.NotificationResendRequested;
import org.remoteassistance.events.SessionAcknowledged;
import org.remoteassistance.events.SessionEnded;
import org.remoteassistance.notification.config.NotificationSettings;
import org.remoteassistance.notification.domain.CompanyPortalNotification;
import org.remoteassistance.notification.domain.EndedSession;
import org.remoteassistance.support.devices.KnownDevice;
import org.remoteassistance.support.devices.KnownDevices;
import org.remoteassistance.support.outbox.Outbox;
import org.remoteassistance.support.problem.ProblemException;
import org.remoteassistance.support.security.Caller;

/** The Company Portal notifications of remote assistance sessions: issued, withdrawn, listed and read. */
@ApplicationScoped
@Transactional
public class CompanyPortalNotifications {

    public static final String CHANNEL = "COMPANY_PORTAL";

    private static final Logger LOG = Logger.getLogger(CompanyPortalNotifications.class);

    @Inject
    Outbox outbox;

    @Inject
    KnownDevices devices;

    @Inject
    SessionLocks sessionLocks;

    @Inject
    NotificationSettings settings;

    /** Fired with each new notification, in its transaction: signalled to every instance (NotificationSignals). */
    @Inject
    Event<CompanyPortalNotification> issued;

    /** A device's notifications: the newest ones and how many of all are unread. */
    public record DeviceNotifications(long unread, List<CompanyPortalNotification> newest) {
    }

    /**
     * Notifies the device of an acknowledged session, once per session, and publishes {@code NotificationIssued} with
     * it. Nothing happens for a redelivery, a second acknowledgement of the same session, or a session already over.
     */
    public Optional<CompanyPortalNotification> issue(CloudEvent<SessionAcknowledged> event) {
        SessionAcknowledged acknowledged = event.data();
        sessionLocks.lock(acknowledged.sessionId());
        if (EndedSession.isEnded(acknowledged.sessionId())) {
            // its code is dead: telling the device to use it would only fail
            LOG.infof("Session %s is already over; its device is not notified", acknowledged.sessionId());
            return Optional.empty();
        }
        if (CompanyPortalNotification.forSession(acknowledged.sessionId()).isPresent()) {
            return Optional.empty();
        }
        CompanyPortalNotification notification = CompanyPortalNotification.issue(acknowledged.sessionId(),
                acknowledged.deviceId(), acknowledged.endCustomerLink(), acknowledged.sessionCode(),
                acknowledged.reasonForUser(), devices.find(acknowledged.deviceId()).flatMap(KnownDevice::knownPlatform), now());
        notification.persist();
        outbox.publish(EventType.NOTIFICATION_ISSUED, new NotificationIssued(notification.id,
                notification.sessionId, notification.deviceId, CHANNEL, notification.message, notification.issuedAt));
        issued.fire(notification);
        return Optional.of(notification);
    }

    /**
     * The session has ended or expired: its notification stops being actionable. Remembered even before the
     * notification exists, so that a late acknowledgement cannot bring the session back to the device. An end naming
     * another device than the notified one is refused (rolled back, dead-lettered). A session that reached its time
     * limit ended while the person at the device was in it: they are told, with a notice that replaces the request
     * (one per session, so the unread count does not grow), sent live like a new notification.
     */
    public void withdraw(CloudEvent<SessionEnded> event) {
        SessionEnded ended = event.data();
        sessionLocks.lock(ended.sessionId());
        if (!EndedSession.isEnded(ended.sessionId())) {
            EndedSession.of(ended.sessionId(), ended.deviceId(), ended.status(), ended.reason(), ended.endedAt())
                    .persist();
        }
        Optional<CompanyPortalNotification> notification = CompanyPortalNotification.forSession(ended.sessionId());
        if (notification.isPresent() && !notification.get().deviceId.equals(ended.deviceId())) {
            // a session never changes device: this end is not about the session the device was told of
            throw new InvalidEventException("data.deviceId " + ended.deviceId() + " is not the device session "
                    + ended.sessionId() + " was notified to");
        }
        if (notification.isEmpty() || !notification.get().isActionable()) {
            return;
        }
        if (EndReason.TIME_LIMIT.name().equals(ended.reason())) {
            replace(notification.get(), notification.get().timeLimitNotice(now()));
        } else {
            notification.get().withdraw();
        }
    }

    /**
     * An admin asked for the device's notification to be sent again: a new notification takes the old one's place
     * (new id, unread, issued now; the same code, link, steps and reason), published with {@code NotificationIssued}
     * and sent live, so the device hears of it again while its unread count stays one for the session. Nothing for a
     * session already over, nor before its notification exists (its acknowledgement is on the way and issues it). A
     * resend naming another device than the notified one is refused (rolled back, dead-lettered).
     */
    public void resend(CloudEvent<NotificationResendRequested> event) {
        NotificationResendRequested resend = event.data();
        sessionLocks.lock(resend.sessionId());
        if (EndedSession.isEnded(resend.sessionId())) {
            return;
        }
        Optional<CompanyPortalNotification> current = CompanyPortalNotification.forSession(resend.sessionId());
        if (current.isEmpty() || !current.get().isActionable()) {
            return;
        }
        if (!current.get().deviceId.equals(resend.deviceId())) {
            throw new InvalidEventException("data.deviceId " + resend.deviceId() + " is not the device session "
                    + resend.sessionId() + " was notified to");
        }
        CompanyPortalNotification again = current.get().sentAgain(now());
        replace(current.get(), again);
        outbox.publish(EventType.NOTIFICATION_ISSUED, new NotificationIssued(again.id, again.sessionId,
                again.deviceId, CHANNEL, again.message, again.issuedAt));
    }

    /** The session has one notification: the new one takes the old one's place and is signalled like any new one. */
    private void replace(CompanyPortalNotification old, CompanyPortalNotification replacement) {
        old.delete();
        // the old one must be gone before the new one is inserted (one per session)
        CompanyPortalNotification.flush();
        replacement.persist();
        issued.fire(replacement);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DeviceNotifications of(UUID deviceId) {
        return new DeviceNotifications(CompanyPortalNotification.unreadOf(deviceId),
                CompanyPortalNotification.newestOf(deviceId, settings.listSize()));
    }

    /** What PostgreSQL stores, so the event and the API tell the same time. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Idempotent: reading a notification again changes nothing. A device reaches only its own device's notifications;
     * another device's answers exactly like one that does not exist, so a device cannot probe ids; so does a device
     * outside a scoped help desk's scopes.
     */
    public void markRead(UUID notificationId, Caller caller) {
        String unknown = "No notification " + notificationId + ".";
        CompanyPortalNotification notification = CompanyPortalNotification
                .<CompanyPortalNotification>findByIdOptional(notificationId)
                .orElseThrow(() -> ProblemException.notFound(unknown));
        caller.requireAccessTo(notification.deviceId, unknown);
        caller.requireInScope(() -> devices.find(notification.deviceId).map(KnownDevice::scopeTags).orElse(List.of()),
                unknown);
        if (!caller.isDevice() && !notification.isRead()) {
            // "read" normally means the person at the device opened it; say when someone else decided so
            LOG.infof("Notification %s of device %s marked read by %s (%s)", notificationId, notification.deviceId,
                    caller.name(), caller.role());
        }
        notification.markRead(now());
    }
}
