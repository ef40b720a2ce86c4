package org.remoteassistance.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CloudEventCodecTest {

    private final SessionRequested data = new SessionRequested(UUID.randomUUID(), UUID.randomUUID(), "admin",
            Instant.parse("2026-11-25T10:15:30Z"));
    private final CloudEvent<SessionRequested> event = new CloudEvent<>(UUID.randomUUID().toString(),
            EventType.SESSION_REQUESTED, "/session-service", Instant.parse("2026-11-25T10:15:31Z"),
            CloudEventCodec.SCHEMA_VERSION, data);

    @Test
    void binaryModeRoundTrips() {
        CloudEvent<SessionRequested> read = CloudEventCodec.decode(EventType.SESSION_REQUESTED,
                CloudEventCodec.binaryHeaders(event), CloudEventCodec.dataJson(data));
        assertEquals(event, read);
    }

    /** A request without a time limit reads as before, and the field is left out rather than written as null. */
    @Test
    void anOptionalFieldIsLeftOutWhenAbsentAndKeptWhenGiven() {
        for (String field : new String[] {"maxDurationMinutes", "reason", "ticketId", "showReasonToUser"}) {
            assertFalse(CloudEventCodec.dataJson(data).contains(field), field);
        }
        SessionRequested limited = new SessionRequested(data.sessionId(), data.deviceId(), "admin", data.requestedAt(),
                30, null, null, null, null);
        assertTrue(CloudEventCodec.dataJson(limited).contains("\"maxDurationMinutes\":30"));
        CloudEvent<SessionRequested> read = CloudEventCodec.decode(EventType.SESSION_REQUESTED,
                CloudEventCodec.binaryHeaders(event), CloudEventCodec.dataJson(limited));
        assertEquals(30, read.data().maxDurationMinutes());
    }

    @Test
    void structuredModeIsAccepted() {
        CloudEvent<SessionRequested> read = CloudEventCodec.decode(EventType.SESSION_REQUESTED,
                Map.of("content-type", CloudEventCodec.STRUCTURED_CONTENT_TYPE), CloudEventCodec.structured(event));
        assertEquals(event, read);
    }

    @Test
    void rejectsWhatCannotBeProcessedWithTheReason() {
        Map<String, String> headers = CloudEventCodec.binaryHeaders(event);
        assertReason("not JSON", () -> CloudEventCodec.decode(EventType.SESSION_REQUESTED, headers, "{oops"));
        assertReason("data.deviceId is missing", () -> CloudEventCodec.decode(EventType.SESSION_REQUESTED, headers,
                "{\"sessionId\":\"" + UUID.randomUUID() + "\",\"requestedBy\":\"a\",\"requestedAt\":\"2026-11-25T10:15:30Z\"}"));
        assertReason("unexpected event type", () -> CloudEventCodec.decode(EventType.SESSION_ACKNOWLEDGED, headers,
                CloudEventCodec.dataJson(data)));
        Map<String, String> future = new HashMap<>(headers);
        future.put(CloudEventCodec.HEADER_SCHEMA_VERSION, "2");
        assertReason("unsupported schema version '2'",
                () -> CloudEventCodec.decode(EventType.SESSION_REQUESTED, future, CloudEventCodec.dataJson(data)));
        Map<String, String> anonymous = new HashMap<>(headers);
        anonymous.remove(CloudEventCodec.HEADER_ID);
        assertReason("id is missing",
                () -> CloudEventCodec.decode(EventType.SESSION_REQUESTED, anonymous, CloudEventCodec.dataJson(data)));
        assertReason("does not match", () -> CloudEventCodec.decode(EventType.SESSION_REQUESTED, headers,
                "{\"sessionId\":\"not-a-uuid\"}"));
    }

    @Test
    void asyncApiDocumentDescribesEveryTopicAndEvent() throws IOException {
        String document;
        try (InputStream in = getClass().getResourceAsStream("/asyncapi.yaml")) {
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (EventType<?> type : EventType.ALL) {
            assertTrue(document.contains("address: " + type.topic()), type.topic());
            assertTrue(document.contains("name: " + type.name()), type.name());
        }
        assertTrue(document.contains("address: " + Topics.DEAD_LETTER));
        // the vocabulary the rules allow is the vocabulary the document names
        for (var values : java.util.List.of(EventRules.PLATFORMS, EventRules.END_STATUSES, EventRules.END_REASONS,
                EventRules.REJECT_REASONS)) {
            assertTrue(document.contains("enum: [" + String.join(", ", values) + "]"), values.toString());
        }
        // and the document states the limits the rules apply
        assertTrue(document.contains("pattern: &plainText '^" + EventRules.PLAIN_TEXT + "$'"), "plain text");
        assertTrue(document.contains("pattern: '^" + EventRules.SESSION_CODE + "$'"), "session code");
        assertTrue(document.contains("requestedBy: {type: string, minLength: 1, maxLength: "
                + EventRules.MAX_REQUESTED_BY + ", pattern: *plainText}"), "requestedBy");
        assertTrue(document.contains("detail: {type: string, maxLength: " + EventRules.MAX_DETAIL), "detail");
        assertTrue(document.contains("maxLength: " + EventRules.MAX_LINK), "links");
        assertTrue(document.contains("at most " + EventRules.CLOCK_SKEW.toMinutes() + " minutes after"), "skew");
    }

    private static void assertReason(String expected, Runnable decode) {
        InvalidEventException e = assertThrows(InvalidEventException.class, decode::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
