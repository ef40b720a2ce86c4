package org.remoteassistance.session.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Pattern;
import org.remoteassistance.events.EventRules;
import org.remoteassistance.support.http.CanonicalUuid;
import org.remoteassistance.support.problem.ProblemException;

/** Reads path, query and header values, answering a value that does not parse with a 400 problem naming it. */
final class RequestParameters {

    private static final Pattern PLAIN_TEXT = Pattern.compile(EventRules.PLAIN_TEXT);
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private RequestParameters() {
    }

    /** A canonical UUID ({@link CanonicalUuid}): {@code 1-1-1-1-1} is not one. */
    static UUID uuid(String name, String value) {
        return CanonicalUuid.parse(value).orElseThrow(() -> ProblemException.badRequest(
                name + " must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6, not " + shortened(value) + "."));
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

    /**
     * An optional RFC 3339 instant such as {@code 2030-01-01T00:00:00Z}, in the years 1 to 9999: RFC 3339's four-digit
     * years, and well inside what PostgreSQL stores (Java would read {@code +294277-01-01T00:00:00Z} too, and the
     * database then fail the query).
     */
    static Instant optionalInstant(String name, String value) {
        if (blank(value)) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an instant like 2030-01-01T00:00:00Z, not "
                    + shortened(value) + ".");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw ProblemException.badRequest(name + " must be between " + EARLIEST + " and " + LATEST + ", not "
                    + shortened(value) + ".");
        }
        return instant;
    }

    /**
     * An optional plain text ({@link EventRules#PLAIN_TEXT}: no control, invisible or bidi characters, no lone
     * surrogates) of at most {@code max} characters, stripped; null when absent or blank.
     */
    static String optionalText(String name, String value, int max) {
        if (blank(value)) {
            return null;
        }
        if (value.length() > max) {
            throw ProblemException.badRequest(name + " must be at most " + max + " characters.");
        }
        if (!PLAIN_TEXT.matcher(value).matches()) {
            throw ProblemException.badRequest(name + " " + EventRules.PLAIN_TEXT_MESSAGE + ".");
        }
        return value.strip();
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * Echoes at most a little of what the caller sent, as plain text: problems are not a place to reflect whole inputs,
     * nor line breaks, bidi characters or lone surrogates.
     */
    static String shortened(String value) {
        return value == null ? "nothing" : EventRules.fit(value, 64);
    }
}
