package org.remoteassistance.support.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.SessionStarted;
import org.remoteassistance.support.logging.LogContext;

/** The trace a record carries is continued by its handling, by what that publishes, and by the relay's record. */
class EventTracesTest {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PUBLISHER_SPAN = "00f067aa0ba902b7";

    /** As the services run without a collector: every span unsampled, ids made and carried all the same. */
    private final EventTraces traces = traces(Sampler.alwaysOff());

    @Test
    void handlingContinuesTheRecordsTraceInASpanOfItsOwnWithItsIdsAndSessionInTheLogContext() {
        CloudEvent<SessionStarted> event = event();
        try (EventTraces.Handling handling = traces.handling(record("00-" + TRACE + "-" + PUBLISHER_SPAN + "-01"),
                event)) {
            String parent = traces.currentParent();
            assertTrue(parent.matches("00-" + TRACE + "-[0-9a-f]{16}-0[01]"), parent);
            assertNotEquals(PUBLISHER_SPAN, parent.split("-")[2], "a span of the handler's own");
            assertEquals(TRACE, MDC.get(EventTraces.TRACE_ID));
            assertEquals(parent.split("-")[2], MDC.get(EventTraces.SPAN_ID));
            assertEquals(event.data().sessionId().toString(), MDC.get(LogContext.SESSION_ID));
        }
        assertNull(MDC.get(EventTraces.TRACE_ID));
        assertNull(MDC.get(EventTraces.SPAN_ID));
        assertNull(MDC.get(LogContext.SESSION_ID));
        assertNull(traces.currentParent(), "nothing current once handled");
    }

    @Test
    void aRecordWithoutTraceStartsOne() {
        try (EventTraces.Handling handling = traces.handling(record(null), event())) {
            assertTrue(Span.current().getSpanContext().isValid());
            assertTrue(traces.currentParent().startsWith("00-"), traces.currentParent());
        }
    }

    @Test
    void theRelaysRecordCarriesTheStoredTraceInASpanOfItsOwn() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventTraces.TRACEPARENT, "stale".getBytes(StandardCharsets.UTF_8));
        Span span = traces.sending("00-" + TRACE + "-" + PUBLISHER_SPAN + "-01", "remote-assistance.session-started",
                UUID.randomUUID().toString(), "SessionStarted", headers);
        span.end();
        String sent = new String(headers.lastHeader(EventTraces.TRACEPARENT).value(), StandardCharsets.UTF_8);
        assertTrue(sent.matches("00-" + TRACE + "-[0-9a-f]{16}-0[01]"), sent);
        assertEquals(span.getSpanContext().getSpanId(), sent.split("-")[2]);
        assertEquals(1, headers.toArray().length, "one traceparent, the stale one replaced");
    }

    @Test
    void exportingRecordsTheSpansOfATraceTheCallerSampled() {
        EventTraces exporting = traces(Sampler.parentBased(Sampler.alwaysOn()));
        try (EventTraces.Handling handling = exporting.handling(record("00-" + TRACE + "-" + PUBLISHER_SPAN + "-01"),
                event())) {
            assertTrue(Span.current().isRecording());
            assertTrue(exporting.currentParent().endsWith("-01"));
        }
    }

    private static EventTraces traces(Sampler sampler) {
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().setSampler(sampler).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        EventTraces traces = new EventTraces();
        traces.openTelemetry = sdk;
        traces.tracer = sdk.getTracer("test");
        return traces;
    }

    private static CloudEvent<SessionStarted> event() {
        return new CloudEvent<>(UUID.randomUUID().toString(), EventType.SESSION_STARTED, "/test", Instant.now(),
                CloudEventCodec.SCHEMA_VERSION, new SessionStarted(UUID.randomUUID(), UUID.randomUUID(),
                        Instant.now()));
    }

    private static ConsumerRecord<String, String> record(String traceparent) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("remote-assistance.session-started", 1, 42L,
                "key", "{}");
        if (traceparent != null) {
            record.headers().add(EventTraces.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
