package org.remoteassistance.events;

import java.time.Instant;
import java.util.UUID;

/** The {@code data} of an event. Implementations say what makes them valid, with the rules of {@link EventRules}. */
public interface EventData {

    /** The Kafka record key: the session id, or the device id for device events. */
    String key();

    /** The session the event is about, for log lines; none for a device's own events. */
    default UUID sessionId() {
        return null;
    }

    /** The device the event is about, for log lines. */
    default UUID deviceId() {
        return null;
    }

    /**
     * Checks the data against the contract: required fields, sizes, formats, allowed values and characters, and that
     * what happened did not happen after {@code now} (give or take {@link EventRules#CLOCK_SKEW}).
     *
     * @throws InvalidEventException naming the first missing or invalid field
     */
    void validate(Instant now);

    /**
     * What the data must say to travel as {@code type}, for data shared by several event types. Nothing by default.
     *
     * @throws InvalidEventException when the data contradicts its type
     */
    default void validateAs(EventType<?> type) {
    }

    static void require(Object value, String field) {
        EventRules.required(value, field);
    }
}
