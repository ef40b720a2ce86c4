package org.remoteassistance.support.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What was wrong with a request body, in the caller's words: the field and the JSON it expects ("allow must be true or
 * false"), or where the JSON broke. Never Jackson's own message: it names Java types and classes of this code.
 */
final class BodyProblems {

    private BodyProblems() {
    }

    static String detail(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? field(mapping.getPath()) : "";
        Class<?> expected = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (!field.isEmpty()) {
            return expected == null ? field + " is not valid." : field + " must be " + expected(expected) + ".";
        }
        if (expected != null) {
            return "The body must be " + expected(expected) + ".";
        }
        JsonLocation location = e.getLocation();
        return "The body is not valid JSON" + (location == null || location.getLineNr() < 0 ? "."
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ").");
    }

    /** {@code items[0].name}, from Jackson's path of references. */
    private static String field(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference step : path) {
            if (step.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                field.append('[').append(step.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    static String expected(Class<?> type) {
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == UUID.class) {
            return "a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an RFC 3339 instant such as 2030-01-01T00:00:00Z";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }
}
