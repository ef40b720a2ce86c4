package org.remoteassistance.support.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.Iterator;

/**
 * The ids of the events this instance's relay sent lately. A service that also consumes a topic it publishes (
 * session-service reads every {@code SessionRequested}, its own among them) made its own event's change when it wrote
 * it: such an event is acknowledged without a transaction. Only ids this instance sent count, not the source an event
 * claims, so a forged event in the service's name is still checked like any other; after a restart, or from another
 * instance, an own event is applied the ordinary way, which changes nothing.
 */
@ApplicationScoped
public class RelayedEvents {

    /** A few minutes of a busy service's events; a consumer is normally milliseconds behind its own relay. */
    private static final int REMEMBERED = 10_000;

    private final LinkedHashSet<String> ids = new LinkedHashSet<>();

    synchronized void sending(String eventId) {
        if (ids.add(eventId) && ids.size() > REMEMBERED) {
            Iterator<String> oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** Whether this instance's relay sent the event with this id lately. */
    public synchronized boolean sentHere(String eventId) {
        return eventId != null && ids.contains(eventId);
    }
}
