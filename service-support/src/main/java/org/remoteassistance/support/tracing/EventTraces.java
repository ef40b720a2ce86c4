package org.remoteassistance.support.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.support.logging.LogContext;

/**
 * One trace per session across the services, carried by the events themselves: the context of whatever publishes an
 * event (an HTTP request, or the handling of another event) is stored with its outbox row, the relay's span continues
 * it and goes into the record's W3C {@code traceparent} header, and the consumer's span continues that. So one trace
 * runs from the admin's request through every service the session's events reach, whatever waited in an outbox or a
 * partition in between. Events from publishers that trace nothing start a trace of their own.
 */
@ApplicationScoped
public class EventTraces {

    /** The W3C trace-context header of a record: what any OpenTelemetry instrumentation of Kafka reads and writes. */
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";

    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    private static final AttributeKey<String> KEY = AttributeKey.stringKey("messaging.kafka.message.key");
    private static final AttributeKey<Long> PARTITION = AttributeKey.longKey("messaging.destination.partition.id");
    private static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    private static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("cloudevents.event_type");

    @Inject
    OpenTelemetry openTelemetry;

    @Inject
    Tracer tracer;

    /** The current span's context as a {@code traceparent} value, stored with an outbox row; null where none. */
    public String currentParent() {
        if (!Span.current().getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        propagator().inject(Context.current(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /**
     * Handling a consumed event: a consumer span continuing the trace its record carries, current (and its ids and the
     * event's session and device in every log line) until closed.
     */
    public Handling handling(ConsumerRecord<String, String> record, CloudEvent<?> event) {
        Context parent = propagator().extract(Context.root(), record.headers(), HEADERS);
        Span span = tracer.spanBuilder("process " + record.topic()).setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(OPERATION, "process")
                .setAttribute(DESTINATION, record.topic())
                .setAttribute(PARTITION, (long) record.partition())
                .setAttribute(OFFSET, record.offset())
                .setAttribute(KEY, record.key() == null ? "" : record.key())
                .setAttribute(MESSAGE_ID, event.id())
                .setAttribute(EVENT_TYPE, event.type().name())
                .startSpan();
        return new Handling(span, span.makeCurrent(), LogContext.of(event.data()));
    }

    /**
     * Sending an outbox row: a producer span continuing the trace stored with it, whose context goes into the record's
     * headers. Ended once the broker has the record.
     */
    public Span sending(String storedParent, String topic, String eventId, String eventType, Headers headers) {
        Context parent = storedParent == null ? Context.root()
                : propagator().extract(Context.root(), Map.of(TRACEPARENT, storedParent), MAP);
        Span span = tracer.spanBuilder("publish " + topic).setParent(parent).setSpanKind(SpanKind.PRODUCER)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(OPERATION, "publish")
                .setAttribute(DESTINATION, topic)
                .setAttribute(MESSAGE_ID, eventId)
                .setAttribute(EVENT_TYPE, eventType)
                .startSpan();
        propagator().inject(parent.with(span), headers,
                (carrier, name, value) -> carrier.remove(name).add(name, value.getBytes(StandardCharsets.UTF_8)));
        return span;
    }

    private TextMapPropagator propagator() {
        return openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** The handling of one event: its span current, its ids in the log context. Closing puts back what was before. */
    public static final class Handling implements AutoCloseable {

        private final Span span;
        private final Scope scope;
        private final LogContext about;
        private final LogContext ids;

        private Handling(Span span, Scope scope, LogContext about) {
            this.span = span;
            this.scope = scope;
            this.about = about;
            SpanContext context = span.getSpanContext();
            this.ids = LogContext.with(Map.of(TRACE_ID, context.getTraceId(), SPAN_ID, context.getSpanId()));
        }

        /** The event was refused or could not be applied: the span says so. */
        public void failed(Throwable failure) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, failure.getMessage() == null ? failure.toString() : failure.getMessage());
        }

        @Override
        public void close() {
            ids.close();
            about.close();
            scope.close();
            span.end();
        }
    }

    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return StreamSupport.stream(headers.spliterator(), false).map(Header::key).toList();
        }

        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };
}
