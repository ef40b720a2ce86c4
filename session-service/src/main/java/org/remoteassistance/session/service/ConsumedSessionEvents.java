package org.remoteassistance.session.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.InvalidEventException;
import org.remoteassistance.events.NotificationIssued;
import org.remoteassistance.events.SessionAcknowledged;
import org.remoteassistance.events.SessionRejected;
import org.remoteassistance.events.SessionRequested;
import org.remoteassistance.session.domain.KnownDevice;
import org.remoteassistance.session.domain.KnownDevices;
import org.remoteassistance.session.domain.PartnerSession;
import org.remoteassistance.session.domain.RemoteAssistanceSession;
import org.remoteassistance.session.domain.RemoteAssistanceSessions;
import org.remoteassistance.support.inbox.Inbox;

/**
 * Applies the session events other services publish. Each event is applied once (the inbox remembers it in the same
 * transaction); one that arrives late or twice never moves a session backwards.
 */
@ApplicationScoped
@Transactional
public class ConsumedSessionEvents {

    /** This service's name in the inbox: the de-duplication scope of every event it consumes. */
    public static final String INBOX_CONSUMER = "session-service";

    @Inject
    Inbox inbox;

    @Inject
    RemoteAssistanceSessions sessions;

    @Inject
    KnownDevices devices;

    /**
     * A session requested by any publisher. Our own (already stored) changes nothing; another publisher's is taken in
     * under the API's rules, and one that breaks them is recorded as {@code REJECTED} here, with the reason.
     */
    public void requested(CloudEvent<SessionRequested> event) {
        if (!inbox.firstDelivery(event, INBOX_CONSUMER)) {
            return;
        }
        SessionRequested data = event.data();
        if (sessions.findByIdOptional(data.sessionId()).isPresent()) {
            return;
        }
        RemoteAssistanceSession session = refusal(data.deviceId())
                .map(refusal -> RemoteAssistanceSession.rejectedOnArrival(data.sessionId(), data.deviceId(),
                        data.requestedBy(), data.requestedAt(), refusal.reason(), refusal.detail(), Instant.now()))
                .orElseGet(() -> RemoteAssistanceSession.requested(data.sessionId(), data.deviceId(),
                        data.requestedBy(), data.requestedAt(), null));
        sessions.persist(session);
        // a concurrent request for the same device fails here, on the one-open-session index
        sessions.flush();
    }

    /** The partner created its session: the code and the links become known. */
    public void acknowledged(CloudEvent<SessionAcknowledged> event) {
        if (!inbox.firstDelivery(event, INBOX_CONSUMER)) {
            return;
        }
        SessionAcknowledged data = event.data();
        RemoteAssistanceSession session = sessionOf(data.sessionId(), data.deviceId());
        session.acknowledge(new PartnerSession(data.partner(), data.sessionCode(), data.supporterLink(),
                data.endCustomerLink(), data.validUntil()), event.time());
    }

    /** The connector or the partner could not start it. */
    public void rejected(CloudEvent<SessionRejected> event) {
        if (!inbox.firstDelivery(event, INBOX_CONSUMER)) {
            return;
        }
        SessionRejected data = event.data();
        sessionOf(data.sessionId(), data.deviceId()).reject(data.reason(), data.detail(), data.rejectedAt());
    }

    /** The device got its Company Portal notification. */
    public void notified(CloudEvent<NotificationIssued> event) {
        if (!inbox.firstDelivery(event, INBOX_CONSUMER)) {
            return;
        }
        NotificationIssued data = event.data();
        sessionOf(data.sessionId(), data.deviceId()).recordNotified(data.issuedAt());
    }

    private RemoteAssistanceSession sessionOf(UUID sessionId, UUID deviceId) {
        RemoteAssistanceSession session = sessions.findForUpdate(sessionId)
                .orElseThrow(() -> new SessionNotFoundException(sessionId));
        if (!session.deviceId().equals(deviceId)) {
            throw new InvalidEventException("session " + sessionId + " belongs to device " + session.deviceId()
                    + ", not to device " + deviceId);
        }
        return session;
    }

    private Optional<Refusal> refusal(UUID deviceId) {
        Optional<KnownDevice> device = devices.findByIdOptional(deviceId);
        if (device.isEmpty()) {
            return Optional.of(new Refusal("DEVICE_UNKNOWN", new UnknownDeviceException(deviceId).getMessage()));
        }
        if (device.get().retired()) {
            return Optional.of(new Refusal("DEVICE_RETIRED", new DeviceRetiredException(deviceId).getMessage()));
        }
        return sessions.findOpenOnDevice(deviceId).map(open -> new Refusal("SESSION_ALREADY_OPEN",
                new SessionAlreadyOpenException(deviceId, open.id(), open.status()).getMessage()));
    }

    private record Refusal(String reason, String detail) {
    }
}
