package org.remoteassistance.support.inbox;

/**
 * Thrown by a handler whose event depends on one that travels on another topic and has not been applied here yet (an
 * acknowledgement of a session whose request is still on its way). The {@link EventPipeline} rolls back, waits for
 * the next event applied (up to the handlers' grace, {@link EventHandlers#awaiting}) and tries again; after the grace
 * the event is dead-lettered with this message as its reason.
 */
public class EventNotYetApplicable extends RuntimeException {

    public EventNotYetApplicable(String reason) {
        super(reason);
    }
}
