package org.remoteassistance.connector.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.remoteassistance.connector.domain.ConnectorSession;
import org.remoteassistance.connector.domain.PartnerSessionState;
import org.remoteassistance.connector.partner.PartnerSession;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.EventRules;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.RejectReason;
import org.remoteassistance.events.SessionAcknowledged;
import org.remoteassistance.events.SessionEnded;
import org.remoteassistance.events.SessionRejected;
import org.remoteassistance.events.SessionRequested;
import org.remoteassistance.support.devices.KnownDevice;
import org.remoteassistance.support.security.DeviceScope;
import org.remoteassistance.support.devices.KnownDevices;
import org.remoteassistance.support.inbox.Inbox;
import org.remoteassistance.support.outbox.Outbox;

/**
 * The partner sessions the connector holds, one per remote assistance session, and the events that report them. Each
 * method is one transaction; the partner calls between them are made by {@link PartnerSessionWorkflow}.
 */
@ApplicationScoped
@Transactional
public class PartnerSessionService {

    public static final String CONSUMER = "connector-service";
    public static final String PARTNER = "teamviewer";

    @Inject
    Inbox inbox;

    @Inject
    Outbox outbox;

    @Inject
    ConnectorService connectors;

    @Inject
    KnownDevices devices;

    @Inject
    PartnerSessionRows rows;

    /** This bean through its proxy: a rejection from {@link #decide}, which runs outside a transaction, needs one. */
    @Inject
    PartnerSessionService self;

    /** What to do with a session request, once checked against the connector, the device and open sessions. */
    public sealed interface Decision {
    }

    /** Nothing more to do: a redelivery, a session already handled, or a rejection now published. */
    public record Done() implements Decision {
    }

    /**
     * Not yet: the device is unknown, or holds an open partner session for another session, and what would settle it
     * travels on another topic (its {@code DeviceRegistered}, that session's {@code SessionEnded}). Nothing was
     * recorded; decide again once an event was applied, or with {@code mayWait} false to reject.
     */
    public record Wait(Reason reason) implements Decision {

        public enum Reason { DEVICE_UNKNOWN, EARLIER_SESSION_OPEN }
    }

    /** Ask the partner for a session with this token. */
    public record CreateAtPartner(String token) implements Decision {

        @Override
        public String toString() {
            return "CreateAtPartner[token hidden]";
        }
    }

    /**
     * Decides about a session request: one statement outside any transaction and the token held in memory, so that the
     * common case, a new request for a known device, costs a single round trip before the partner call. Rejections
     * are published here, with the request marked processed; a creation is left to the caller, so that no transaction
     * stays open during the partner call.
     *
     * @param mayWait whether an unknown device ({@link Wait.Reason#DEVICE_UNKNOWN}) or another open session
     *                ({@link Wait.Reason#EARLIER_SESSION_OPEN}) may still be waited for: then {@link Wait}, else a
     *                rejection
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Decision decide(CloudEvent<SessionRequested> event, Set<Wait.Reason> mayWait) {
        SessionRequested request = event.data();
        PartnerSessionRows.Look look = rows.look(CONSUMER, event.id(), request.sessionId(), request.deviceId());
        if (look.processed()) {
            return new Done();
        }
        if (look.sessionKnown()) {
            // the same session requested again under another event id: its partner session exists or it has ended
            self.markProcessed(event);
            return new Done();
        }
        ConnectorToken token = connectors.usableToken();
        if (token instanceof ConnectorToken.Unusable unusable) {
            self.reject(event, RejectReason.CONNECTOR_NOT_CONNECTED, unusable.detail());
            return new Done();
        }
        Optional<KnownDevice> device = devices.find(request.deviceId());
        if (device.isEmpty()) {
            if (mayWait.contains(Wait.Reason.DEVICE_UNKNOWN)) {
                return new Wait(Wait.Reason.DEVICE_UNKNOWN);
            }
            self.reject(event, RejectReason.DEVICE_UNKNOWN, "The device " + request.deviceId() + " is not known");
            return new Done();
        }
        // session-service's rule too (KnownDevice.within): a scoped help desk's request reaches only its devices
        if (!device.get().within(DeviceScope.ofRequester(request))) {
            self.reject(event, RejectReason.DEVICE_OUT_OF_SCOPE, "The device " + request.deviceId()
                    + " carries none of the requester's scope tags");
            return new Done();
        }
        if (device.get().retired()) {
            self.reject(event, RejectReason.DEVICE_RETIRED,
                    "The device " + request.deviceId() + " is retired and gets no new sessions");
            return new Done();
        }
        // the rule session-service applies too (KnownDevice.nonCompliant), on the same snapshots: one verdict
        if (device.get().nonCompliant() && !request.nonCompliantAcknowledged()) {
            self.reject(event, RejectReason.DEVICE_NONCOMPLIANT, "The device " + request.deviceId()
                    + " does not meet its compliance policies and the request did not acknowledge it");
            return new Done();
        }
        if (look.otherOpenSession() != null) {
            if (mayWait.contains(Wait.Reason.EARLIER_SESSION_OPEN)) {
                return new Wait(Wait.Reason.EARLIER_SESSION_OPEN);
            }
            self.reject(event, RejectReason.SESSION_ALREADY_OPEN, "The device " + request.deviceId()
                    + " already has an open partner session, for session " + look.otherOpenSession());
            return new Done();
        }
        return new CreateAtPartner(((ConnectorToken.Usable) token).token());
    }

    /** Marks the request processed without any other effect. */
    public void markProcessed(CloudEvent<SessionRequested> event) {
        inbox.firstDelivery(event, CONSUMER);
    }

    /**
     * Records the partner session the partner just created and publishes {@code SessionAcknowledged}.
     *
     * @return false when the request was meanwhile handled by another delivery: the new partner session is surplus.
     *         True when this very partner session is already recorded: an earlier attempt committed although its
     *         commit seemed to fail (the connection died during it), and the code must stay open.
     */
    public boolean created(CloudEvent<SessionRequested> event, PartnerSession partnerSession) {
        SessionRequested request = event.data();
        Optional<Optional<String>> recorded = rows.recordedCode(request.sessionId());
        if (recorded.isPresent()) {
            return recorded.get().filter(partnerSession.code()::equals).isPresent();
        }
        if (!inbox.firstDelivery(event, CONSUMER)) {
            return false;
        }
        // the one-open-session-per-device index speaks now, not at commit, so the caller can tell why
        rows.opened(request.sessionId(), request.deviceId(), partnerSession, Instant.now());
        // the reason goes on to the device user only where the requester chose so
        outbox.publish(EventType.SESSION_ACKNOWLEDGED, new SessionAcknowledged(request.sessionId(),
                request.deviceId(), PARTNER, partnerSession.code(), partnerSession.supporterLink(),
                partnerSession.endCustomerLink(), partnerSession.validUntil(), request.reasonForUser()));
        return true;
    }

    /**
     * Publishes {@code SessionRejected}, once per request. The detail may quote the partner's own words, so it is
     * fitted to the contract's plain text first: a proxy's HTML page must not make the rejection itself invalid.
     */
    public void reject(CloudEvent<SessionRequested> event, RejectReason reason, String detail) {
        if (!inbox.firstDelivery(event, CONSUMER)) {
            return;
        }
        SessionRequested request = event.data();
        outbox.publish(EventType.SESSION_REJECTED, new SessionRejected(request.sessionId(), request.deviceId(),
                reason.name(), EventRules.fit(detail, EventRules.MAX_DETAIL), Instant.now()));
    }

    /**
     * The remote assistance session ended (in the consumer's transaction, whose inbox has recorded the event).
     *
     * @return the partner session now to be closed, if there is one
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<PartnerSessionRows.ToClose> ended(CloudEvent<SessionEnded> event) {
        SessionEnded ended = event.data();
        return rows.ended(ended.sessionId(), ended.deviceId(), Instant.now());
    }

    /** A partner session whose close failed before, to close again; nothing when it needs no partner call. */
    public Optional<PartnerSessionRows.ToClose> toCloseAgain(UUID sessionId) {
        ConnectorSession session = ConnectorSession.findById(sessionId);
        if (session == null || session.state != PartnerSessionState.CLOSE_PENDING) {
            return Optional.empty();
        }
        return Optional.of(new PartnerSessionRows.ToClose(sessionId, session.code, session.validUntil));
    }

    /** The partner session is closed, or dead at the partner: one statement. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void closed(UUID sessionId, Instant closedAt) {
        rows.closed(sessionId, closedAt == null ? Instant.now() : closedAt);
    }

    public void closeFailed(UUID sessionId, String reason) {
        ConnectorSession session = ConnectorSession.findById(sessionId);
        if (session != null && session.state == PartnerSessionState.CLOSE_PENDING) {
            session.closeFailed(reason);
        }
    }

    /** In a short transaction of its own: callers are Kafka and scheduler threads, with no request context. */
    public List<UUID> closePending() {
        return ConnectorSession.closePending().stream().map(session -> session.sessionId).toList();
    }
}
