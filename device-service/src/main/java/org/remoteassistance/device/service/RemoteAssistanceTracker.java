package org.remoteassistance.device.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;
import org.remoteassistance.device.domain.Device;
import org.remoteassistance.device.domain.DeviceSession;
import org.remoteassistance.device.domain.SessionProgress;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.InvalidEventException;
import org.remoteassistance.support.inbox.Inbox;

/**
 * Keeps each device's remote assistance overview from the session events other services publish. Events of one
 * session arrive on several topics, so in any order and possibly twice: each is recorded once, moves its session only
 * forward, and changes the overview only when its session is the one the device shows.
 */
@ApplicationScoped
@Transactional
public class RemoteAssistanceTracker {

    /** This service's name in the inbox: the events it has processed. */
    public static final String CONSUMER = "device-service";

    private static final Logger LOG = Logger.getLogger(RemoteAssistanceTracker.class);

    @Inject
    Inbox inbox;

    /**
     * Records what {@code event} says about a session.
     *
     * @throws InvalidEventException when the event names an unknown device or a session of another device (nothing is
     *                               recorded then, not even the delivery)
     */
    public void record(CloudEvent<?> event, SessionProgress progress) {
        if (!inbox.firstDelivery(event, CONSUMER)) {
            LOG.debugf("Event %s was already processed", event.id());
            return;
        }
        // the device row is the lock: events of one device from different topics are applied one at a time
        Device device = Device.<Device>findByIdOptional(progress.deviceId(), LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> new InvalidEventException("unknown device " + progress.deviceId()));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        DeviceSession session = DeviceSession.findById(progress.sessionId());
        if (session == null) {
            DeviceSession.firstSeen(progress, now).persist();
        } else if (!session.deviceId.equals(device.id)) {
            throw new InvalidEventException("session " + session.sessionId + " belongs to device " + session.deviceId
                    + ", not " + device.id);
        } else if (!session.apply(progress, now)) {
            LOG.debugf("%s of session %s changes nothing (it is %s)", event.type().name(), session.sessionId,
                    session.status);
            return;
        }
        DeviceSession shown = DeviceSession.shownFor(device.id);
        device.remoteAssistance = shown;
        LOG.debugf("Device %s shows session %s (%s) after %s of session %s", device.id, shown.sessionId, shown.status,
                event.type().name(), progress.sessionId());
    }
}
