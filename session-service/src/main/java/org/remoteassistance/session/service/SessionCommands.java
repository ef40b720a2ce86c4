package org.remoteassistance.session.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.remoteassistance.events.EndReason;
import org.remoteassistance.session.config.SessionSettings;
import org.remoteassistance.session.domain.Actor;
import org.remoteassistance.session.domain.AuditAction;
import org.remoteassistance.session.domain.RemoteAssistanceSession;
import org.remoteassistance.session.domain.SessionStateException;
import org.remoteassistance.support.devices.KnownDevices;
import org.remoteassistance.support.failure.PostgresErrors;
import org.remoteassistance.support.security.DeviceScope;
import org.remoteassistance.support.inbox.EventArrivals;

/**
 * The commands people give on sessions through the API: the one way in for each write. Each runs in a transaction of
 * its own ({@link SessionService}) that records it on the audit trail with its effect. Deliberately outside a
 * transaction itself, for two steps that need a fresh one:
 * <ul>
 * <li>an action the rules refuse rolls back, and only then is the refused attempt put on the trail, in a new
 * transaction that holds no lock the rolled-back one held;</li>
 * <li>when two requests for one device (or one idempotency key) race, the loser's insert hits a unique index and its
 * transaction is lost; trying once more in a fresh transaction sees the winner's session and answers the way the rules
 * say (409 naming it, the same session for the same key). Another publisher's request that loses such a race is tried
 * once more the same way, by the {@code EventPipeline} applying it again in a transaction of its own.</li>
 * </ul>
 */
@ApplicationScoped
public class SessionCommands {

    private static final Logger LOG = Logger.getLogger(SessionCommands.class);

    @Inject
    SessionService sessions;

    @Inject
    SessionAuditTrail audit;

    @Inject
    KnownDevices devices;

    @Inject
    EventArrivals arrivals;

    @Inject
    SessionSettings settings;

    public RemoteAssistanceSession request(SessionRequest request) {
        try {
            return onceMoreIfRaceLost(() -> onceDeviceKnown(request));
        } catch (UnknownDeviceException | DeviceRetiredException | DeviceNonCompliantException
                | SessionAlreadyOpenException
                | IdempotencyKeyReusedException e) {
            refused(null, request.deviceId(), AuditAction.REQUESTED, request.requestedBy(), e);
            throw e;
        }
    }

    public RemoteAssistanceSession start(UUID id, Actor actor) {
        return auditingRefusal(AuditAction.STARTED, actor, () -> sessions.start(id, actor));
    }

    public RemoteAssistanceSession resendNotification(UUID id, Actor actor) {
        return auditingRefusal(AuditAction.RESENT, actor, () -> sessions.resendNotification(id, actor));
    }

    public RemoteAssistanceSession respond(UUID id, boolean allow, Actor actor) {
        return auditingRefusal(AuditAction.answer(allow), actor, () -> sessions.respond(id, allow, actor));
    }

    public RemoteAssistanceSession end(UUID id, EndReason reason, Actor actor) {
        return auditingRefusal(AuditAction.ENDED, actor, () -> sessions.end(id, reason, actor));
    }

    /** A device tried to act on another device's session; it was answered as if the session did not exist. */
    public void refusedToOtherDevice(RemoteAssistanceSession session, AuditAction action, Actor actor) {
        refused(session.id(), session.deviceId(), action, actor,
                "A device token of another device; answered as if the session did not exist.");
    }

    /**
     * A scoped help desk reaches only the sessions of devices within its scopes (as the device read model has their
     * tags); any other is answered as if it did not exist, and an attempted action is audited as refused.
     *
     * @param attempted the action tried, or {@code null} for reading the session
     * @throws SessionNotFoundException no such session, or not within reach
     */
    public void requireWithin(DeviceScope reach, UUID id, AuditAction attempted, Actor actor) {
        if (reach.isAll()) {
            return;
        }
        RemoteAssistanceSession session = sessions.get(id);
        if (!devices.find(session.deviceId()).map(device -> device.within(reach)).orElse(false)) {
            if (attempted != null) {
                refused(id, session.deviceId(), attempted, actor,
                        "The device is outside the help desk's scopes; answered as if the session did not exist.");
            }
            throw new SessionNotFoundException(id);
        }
    }

    /**
     * A device registered a moment ago may not have reached this service yet: its {@code DeviceRegistered} travels
     * from device-service through Kafka. The request waits for it, up to {@code unknown-device-grace}, looking again
     * each time this service applies an event, instead of answering 404 for a device the caller has just seen
     * created.
     */
    private RemoteAssistanceSession onceDeviceKnown(SessionRequest request) {
        try {
            return sessions.request(request);
        } catch (UnknownDeviceException unknown) {
            if (!arrivals.awaitUntil(() -> devices.find(request.deviceId()).isPresent(),
                    settings.unknownDeviceGrace())) {
                throw unknown;
            }
            return sessions.request(request);
        }
    }

    private static <T> T onceMoreIfRaceLost(Supplier<T> attempt) {
        try {
            return attempt.get();
        } catch (RuntimeException e) {
            if (!PostgresErrors.isUniqueViolation(e)) {
                throw e;
            }
            return attempt.get();
        }
    }

    private RemoteAssistanceSession auditingRefusal(AuditAction action, Actor actor,
            Supplier<RemoteAssistanceSession> attempt) {
        try {
            return attempt.get();
        } catch (SessionStateException e) {
            refused(e.sessionId(), e.deviceId(), action, actor, e);
            throw e;
        }
    }

    private void refused(UUID sessionId, UUID deviceId, AuditAction action, Actor actor, RuntimeException refusal) {
        refused(sessionId, deviceId, action, actor,
                refusal instanceof SessionRefusedException refused ? refused.detail() : refusal.getMessage());
    }

    private void refused(UUID sessionId, UUID deviceId, AuditAction action, Actor actor, String detail) {
        try {
            audit.refused(sessionId, deviceId, action, actor, detail);
        } catch (RuntimeException e) {
            // the caller still gets the refusal it is owed; the trail's failure is the operator's to see
            LOG.warnf("Could not record the refused %s of %s on device %s: %s", action, actor.name(), deviceId,
                    e.getMessage());
        }
    }
}
