package org.remoteassistance.events;

/** The {@code data} of an event. Implementations say what makes them valid. */
public interface EventData {

    /** The Kafka record key: the session id, or the device id for device events. */
    String key();

    /** @throws InvalidEventException naming the first missing or invalid field */
    void validate();

    static void require(Object value, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new InvalidEventException("data." + field + " is missing");
        }
    }
}
