package org.remoteassistance.device.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;
import org.remoteassistance.device.domain.Device;
import org.remoteassistance.device.domain.DeviceSession;
import org.remoteassistance.device.domain.SessionProgress;
import org.remoteassistance.events.InvalidEventException;

/**
 * Keeps each device's remote assistance overview from the session events other services publish. Events of one
 * session arrive on several topics, so in any order and possibly twice: each is recorded once, moves its session only
 * forward, and changes the overview only when its session is the one the device shows.
 */
@ApplicationScoped
public class RemoteAssistanceTracker {

    private static final Logger LOG = Logger.getLogger(RemoteAssistanceTracker.class);

    /**
     * Records what event {@code eventId} says about a session (once: the consumer's inbox skips a redelivery).
     *
     * @throws InvalidEventException when the event names an unknown device or a session of another device
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String eventId, SessionProgress progress) {
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
            LOG.debugf("Event %s changes nothing for session %s (it is %s)", eventId, session.sessionId,
                    session.status);
            return;
        }
        DeviceSession shown = DeviceSession.shownFor(device.id);
        device.remoteAssistance = shown;
        LOG.debugf("Device %s shows session %s (%s) after event %s", device.id, shown.sessionId, shown.status,
                eventId);
    }
}
