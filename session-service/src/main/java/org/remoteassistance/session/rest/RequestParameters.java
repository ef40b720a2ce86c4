package org.remoteassistance.session.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import org.remoteassistance.support.problem.ProblemException;

/** Reads path, query and header values, answering a value that does not parse with a 400 problem naming it. */
final class RequestParameters {

    private RequestParameters() {
    }

    static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name + " must be a UUID, not " + shortened(value) + ".");
        }
    }

    /** An optional UUID: null when absent or blank. */
    static UUID optionalUuid(String name, String value) {
        return blank(value) ? null : uuid(name, value);
    }

    static <E extends Enum<E>> E optionalEnum(String name, String value, Class<E> type) {
        if (blank(value)) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name + " must be one of " + Arrays.toString(type.getEnumConstants())
                    + ", not " + shortened(value) + ".");
        }
    }

    /** An optional RFC 3339 instant such as {@code 2030-01-01T00:00:00Z}. */
    static Instant optionalInstant(String name, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an instant like 2030-01-01T00:00:00Z, not "
                    + shortened(value) + ".");
        }
    }

    /** An optional text of at most {@code max} characters, stripped; null when absent or blank. */
    static String optionalText(String name, String value, int max) {
        if (blank(value)) {
            return null;
        }
        if (value.length() > max) {
            throw ProblemException.badRequest(name + " must be at most " + max + " characters.");
        }
        return value.strip();
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Echoes at most a little of what the caller sent: problems are not a place to reflect whole inputs. */
    private static String shortened(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "…" : value;
    }
}
