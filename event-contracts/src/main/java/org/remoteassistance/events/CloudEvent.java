package org.remoteassistance.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A CloudEvents 1.0 event as the services exchange it.
 *
 * @param id            unique per event: the consumers' de-duplication key
 * @param type          the event's name, topic and data class
 * @param source        who published it, e.g. {@code /session-service}
 * @param time          when it happened
 * @param schemaVersion the version of {@code data}'s schema
 * @param data          the payload
 */
public record CloudEvent<T extends EventData>(String id, EventType<T> type, String source, Instant time,
        String schemaVersion, T data) {

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(schemaVersion, "schemaVersion");
        Objects.requireNonNull(data, "data");
    }

    public String key() {
        return data.key();
    }
}
