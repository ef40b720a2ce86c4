package org.remoteassistance.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Writes events in CloudEvents binary mode ({@code ce_*} headers, JSON data as the value, as SmallRye writes them)
 * and reads both binary and structured mode ({@code application/cloudevents+json}).
 */
public final class CloudEventCodec {

    public static final String SPEC_VERSION = "1.0";
    /** The schema version of every event's data this release writes and reads. */
    public static final String SCHEMA_VERSION = "1";
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";
    public static final String DATA_CONTENT_TYPE = "application/json";

    public static final String HEADER_SPEC_VERSION = "ce_specversion";
    public static final String HEADER_ID = "ce_id";
    public static final String HEADER_TYPE = "ce_type";
    public static final String HEADER_SOURCE = "ce_source";
    public static final String HEADER_TIME = "ce_time";
    public static final String HEADER_SCHEMA_VERSION = "ce_schemaversion";
    public static final String HEADER_CONTENT_TYPE = "content-type";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private CloudEventCodec() {
    }

    public static ObjectMapper json() {
        return JSON;
    }

    /** The {@code ce_*} headers of binary mode, in order. */
    public static Map<String, String> binaryHeaders(CloudEvent<?> event) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HEADER_SPEC_VERSION, SPEC_VERSION);
        headers.put(HEADER_ID, event.id());
        headers.put(HEADER_TYPE, event.type().name());
        headers.put(HEADER_SOURCE, event.source());
        headers.put(HEADER_TIME, event.time().toString());
        headers.put(HEADER_SCHEMA_VERSION, event.schemaVersion());
        headers.put(HEADER_CONTENT_TYPE, DATA_CONTENT_TYPE);
        return headers;
    }

    public static String dataJson(EventData data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + data.getClass().getSimpleName(), e);
        }
    }

    /** The whole event as one JSON document: structured mode. */
    public static String structured(CloudEvent<?> event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("specversion", SPEC_VERSION);
        node.put("id", event.id());
        node.put("type", event.type().name());
        node.put("source", event.source());
        node.put("time", event.time().toString());
        node.put("schemaversion", event.schemaVersion());
        node.put("datacontenttype", DATA_CONTENT_TYPE);
        node.set("data", JSON.valueToTree(event.data()));
        return node.toString();
    }

    public static <T extends EventData> CloudEvent<T> decode(EventType<T> expected, Headers headers, String value) {
        Map<String, String> map = new LinkedHashMap<>();
        if (headers != null) {
            for (Header header : headers) {
                if (header.value() != null) {
                    map.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return decode(expected, map, value);
    }

    /** Reads one event of the expected type, judged against this machine's clock. */
    public static <T extends EventData> CloudEvent<T> decode(EventType<T> expected, Map<String, String> headers,
            String value) {
        return decode(expected, headers, value, Instant.now());
    }

    /**
     * Reads one event of the expected type, in binary or structured mode, and holds it to the contract
     * ({@link EventData#validate(Instant)}): an event this returns is valid for every consumer.
     *
     * @param now what "in the future" is measured against
     * @throws InvalidEventException with the reason when it is malformed, of another type or version, or invalid
     */
    public static <T extends EventData> CloudEvent<T> decode(EventType<T> expected, Map<String, String> headers,
            String value, Instant now) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("the event has no value");
        }
        if (value.length() > EventRules.MAX_EVENT_CHARS) {
            throw new InvalidEventException("the event is larger than " + EventRules.MAX_EVENT_CHARS + " characters");
        }
        JsonNode body;
        try {
            body = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("the value is not JSON: " + e.getOriginalMessage());
        }
        String contentType = headers.getOrDefault(HEADER_CONTENT_TYPE, "");
        boolean structured = contentType.startsWith(STRUCTURED_CONTENT_TYPE)
                || (!headers.containsKey(HEADER_ID) && body.has("specversion"));
        Attributes attributes = structured ? Attributes.of(body) : Attributes.of(headers);
        JsonNode data = structured ? body.get("data") : body;

        if (!SPEC_VERSION.equals(attributes.specVersion)) {
            throw new InvalidEventException("unsupported CloudEvents specversion: " + quoted(attributes.specVersion));
        }
        attribute(attributes.id, "id");
        attribute(attributes.source, "source");
        require(attributes.type, "type");
        if (!expected.name().equals(attributes.type)) {
            throw new InvalidEventException("unexpected event type " + EventRules.quoted(attributes.type) + " on "
                    + expected.topic() + ", expected " + expected.name());
        }
        String schemaVersion = attributes.schemaVersion == null ? SCHEMA_VERSION : attributes.schemaVersion;
        if (!SCHEMA_VERSION.equals(schemaVersion)) {
            throw new InvalidEventException(
                    "unsupported schema version " + EventRules.quoted(schemaVersion) + " of " + expected.name());
        }
        Instant time;
        try {
            time = attributes.time == null ? now : Instant.parse(attributes.time);
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("time is not an RFC 3339 timestamp: " + EventRules.quoted(attributes.time));
        }
        if (time.isAfter(now.plus(EventRules.CLOCK_SKEW))) {
            throw new InvalidEventException("CloudEvents attribute time " + time + " is in the future (now " + now
                    + ")");
        }
        if (data == null || !data.isObject()) {
            throw new InvalidEventException("data is missing or not a JSON object");
        }
        T payload;
        try {
            payload = JSON.treeToValue(data, expected.dataClass());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException("data does not match " + expected.name() + ": " + firstLine(e.getMessage()));
        }
        payload.validate(now);
        payload.validateAs(expected);
        return new CloudEvent<>(attributes.id, expected, attributes.source, time, schemaVersion, payload);
    }

    private static String quoted(String value) {
        return value == null ? "none" : EventRules.quoted(value);
    }

    private static void require(String value, String attribute) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("CloudEvents attribute " + attribute + " is missing");
        }
    }

    /** An id or source: the inbox stores the id, the audit trail names the source as an actor. */
    private static void attribute(String value, String attribute) {
        require(value, attribute);
        if (value.length() > EventRules.MAX_ATTRIBUTE || !value.matches(EventRules.PLAIN_TEXT)) {
            throw new InvalidEventException("CloudEvents attribute " + attribute + " must be at most "
                    + EventRules.MAX_ATTRIBUTE + " characters of plain text");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private record Attributes(String specVersion, String id, String type, String source, String time,
            String schemaVersion) {

        static Attributes of(Map<String, String> headers) {
            return new Attributes(headers.get(HEADER_SPEC_VERSION), headers.get(HEADER_ID), headers.get(HEADER_TYPE),
                    headers.get(HEADER_SOURCE), headers.get(HEADER_TIME), headers.get(HEADER_SCHEMA_VERSION));
        }

        static Attributes of(JsonNode body) {
            return new Attributes(text(body, "specversion"), text(body, "id"), text(body, "type"),
                    text(body, "source"), text(body, "time"), text(body, "schemaversion"));
        }

        private static String text(JsonNode body, String field) {
            JsonNode node = body.get(field);
            return node == null || node.isNull() ? null : node.asText();
        }
    }
}
