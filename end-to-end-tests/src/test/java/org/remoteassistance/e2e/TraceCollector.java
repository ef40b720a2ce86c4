package org.remoteassistance.e2e;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * An OpenTelemetry collector as far as the tests need one: it takes what the services export over OTLP/HTTP
 * ({@code POST /v1/traces}, protobuf) and keeps each span with the service that made it.
 */
final class TraceCollector implements AutoCloseable {

    /** A span as exported: the service ({@code service.name}) that made it, its ids, name and kind. */
    record ExportedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
            String kind) {
    }

    private final HttpServer server;
    private final List<ExportedSpan> spans = new CopyOnWriteArrayList<>();
    /** Why exports were refused: shown when a trace is missing. */
    private final List<String> failures = new CopyOnWriteArrayList<>();

    private TraceCollector(HttpServer server) {
        this.server = server;
    }

    static TraceCollector start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            TraceCollector collector = new TraceCollector(server);
            server.createContext("/v1/traces", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    collector.take(ExportTraceServiceRequest.parseFrom(body));
                    exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                    exchange.sendResponseHeaders(200, -1);
                } catch (IOException | RuntimeException | LinkageError e) {
                    collector.failures.add(e.toString());
                    exchange.sendResponseHeaders(400, -1);
                } finally {
                    exchange.close();
                }
            });
            server.start();
            return collector;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a service exports to. */
    String endpoint() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** How many spans of which service were received so far, whatever their trace, and any export refused. */
    String received() {
        return spans.stream().collect(Collectors.groupingBy(ExportedSpan::service, TreeMap::new,
                Collectors.counting())) + (failures.isEmpty() ? "" : ", refused: " + failures.get(0));
    }

    /** The spans of one trace received so far. */
    List<ExportedSpan> trace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    private void take(ExportTraceServiceRequest request) {
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = resource.getResource().getAttributesList().stream()
                    .filter(attribute -> attribute.getKey().equals("service.name"))
                    .map(KeyValue::getValue).map(value -> value.getStringValue()).findFirst().orElse("?");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                scope.getSpansList().forEach(span -> spans.add(new ExportedSpan(service,
                        HexFormat.of().formatHex(span.getTraceId().toByteArray()),
                        HexFormat.of().formatHex(span.getSpanId().toByteArray()),
                        HexFormat.of().formatHex(span.getParentSpanId().toByteArray()),
                        span.getName(), span.getKind().name())));
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
