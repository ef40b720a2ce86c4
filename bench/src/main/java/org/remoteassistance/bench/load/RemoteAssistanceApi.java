package org.remoteassistance.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import org.remoteassistance.bench.BenchSettings;

/** The HTTP calls the benchmark makes, as an admin console would: JDK HttpClient, HTTP/1.1, a bounded executor. */
public final class RemoteAssistanceApi implements AutoCloseable {

    /** A reply: its status and its JSON body (null when there is none or it is not JSON). */
    public record Reply(int status, JsonNode body) {

        public boolean is(int expected) {
            return status == expected;
        }

        public String text(String field) {
            JsonNode value = body == null ? null : body.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final String[] PLATFORMS = {"WINDOWS", "MACOS", "IOS", "ANDROID", "LINUX"};

    private final BenchSettings settings;
    private final ExecutorService executor;
    private final HttpClient http;

    public RemoteAssistanceApi(BenchSettings settings) {
        this.settings = settings;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "http-client-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public Reply connectPartner() {
        return join(send(put(settings.connectorService(), "/api/connectors/teamviewer",
                JSON.createObjectNode().put("apiToken", settings.partnerToken()))));
    }

    public CompletableFuture<Reply> registerDevice(String runId, int number) {
        var body = JSON.createObjectNode()
                .put("name", "bench-" + runId + "-" + number)
                .put("platform", PLATFORMS[number % PLATFORMS.length])
                .put("osVersion", "bench")
                .put("serialNumber", "BENCH-" + runId + "-" + number)
                .put("primaryUser", "bench@" + runId + ".example");
        return send(post(settings.deviceService(), "/api/devices", body));
    }

    public CompletableFuture<Reply> requestSession(String deviceId) {
        return send(post(settings.sessionService(), "/api/sessions",
                JSON.createObjectNode().put("deviceId", deviceId))
                .header("X-Requested-By", "bench"));
    }

    public CompletableFuture<Reply> endSession(String sessionId) {
        return send(post(settings.sessionService(), "/api/sessions/" + sessionId + "/end",
                JSON.createObjectNode().put("reason", "CANCELLED")));
    }

    public CompletableFuture<Reply> session(String sessionId) {
        return send(HttpRequest.newBuilder(settings.sessionService().resolve("/api/sessions/" + sessionId))
                .timeout(REQUEST_TIMEOUT).GET());
    }

    /**
     * Opens the device's notification stream (server-sent events) and hands each line to {@code lines} as it arrives;
     * completes with the status as soon as the response headers are in, while the stream goes on.
     */
    public CompletableFuture<Integer> notificationStream(String deviceId, Flow.Subscriber<String> lines) {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.notificationService()
                .resolve("/api/devices/" + deviceId + "/notifications/stream")).header("Accept", "text/event-stream");
        CompletableFuture<Integer> headers = new CompletableFuture<>();
        http.sendAsync(authorized(request).GET().build(), response -> {
            headers.complete(response.statusCode());
            return HttpResponse.BodySubscribers.fromLineSubscriber(lines);
        }).whenComplete((response, error) -> {
            if (error != null) {
                headers.completeExceptionally(error);
            }
        });
        return headers;
    }

    public Reply ready(URI service) {
        return join(send(HttpRequest.newBuilder(service.resolve("/q/health/ready")).timeout(REQUEST_TIMEOUT).GET()));
    }

    private static HttpRequest.Builder post(URI service, String path, Object body) {
        return HttpRequest.newBuilder(service.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json(body)));
    }

    private static HttpRequest.Builder put(URI service, String path, Object body) {
        return HttpRequest.newBuilder(service.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json(body)));
    }

    private CompletableFuture<Reply> send(HttpRequest.Builder request) {
        return http.sendAsync(authorized(request).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString()).thenApply(RemoteAssistanceApi::reply);
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return settings.accessToken() == null ? request
                : request.header("Authorization", "Bearer " + settings.accessToken());
    }

    private static Reply reply(HttpResponse<String> response) {
        JsonNode body = null;
        if (response.body() != null && !response.body().isBlank()) {
            try {
                body = JSON.readTree(response.body());
            } catch (IOException e) {
                body = null;
            }
        }
        return new Reply(response.statusCode(), body);
    }

    private static Reply join(CompletableFuture<Reply> reply) {
        return reply.join();
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
