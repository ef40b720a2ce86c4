package org.remoteassistance.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The HTTP calls an admin console and a Company Portal make, with their tokens, as plain requests: a fault test must
 * see every status a client sees (503 while PostgreSQL is down, a refused connection while a service restarts).
 */
final class Api {

    static final String PROBLEM_JSON = "application/problem+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunningSystem system;
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Api(RunningSystem system) {
        this.system = system;
        this.adminToken = system.tokens().admin("fault-tests");
    }

    /** What came back: the status, the content type and the body (MissingNode when it was not JSON). */
    record Reply(int status, String contentType, JsonNode body, String text) {

        String get(String field) {
            JsonNode node = body.path(field);
            return node.isMissingNode() || node.isNull() ? null : node.asText();
        }
    }

    /** An HTTP call as the admin; throws IOException when the service does not answer at all. */
    Reply call(String method, String service, String path, Object body, Map<String, String> headers)
            throws IOException {
        return call(method, service, path, body, headers, "Bearer " + adminToken);
    }

    Reply call(String method, String service, String path, Object body, Map<String, String> headers,
            String authorization) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.url(service) + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        headers.forEach(request::setHeader);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json;
            try {
                json = response.body().isBlank() ? MissingNode.getInstance() : JSON.readTree(response.body());
            } catch (IOException notJson) {
                json = MissingNode.getInstance();
            }
            return new Reply(response.statusCode(), contentType, json, response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** A call that must succeed with the given status, the service up. */
    Reply expect(int status, String method, String service, String path, Object body) {
        try {
            Reply reply = call(method, service, path, body, Map.of());
            if (reply.status() != status) {
                throw new AssertionError(method + " " + service + path + " answered " + reply.status()
                        + ", expected " + status + ": " + reply.text());
            }
            return reply;
        } catch (IOException e) {
            throw new AssertionError(method + " " + service + path + " did not answer: " + e.getMessage(), e);
        }
    }

    String deviceToken(String deviceId) {
        return "Bearer " + system.tokens().device(deviceId);
    }

    // --- the journey's calls

    void connectConnector() {
        expect(200, "PUT", "connector", "/api/connectors/teamviewer", Map.of("apiToken", "teamviewer-simulator-token"));
    }

    String registerDevice(String label) {
        return registerDevice(label, java.util.List.of());
    }

    /** A device with these help-desk scope tags. */
    String registerDevice(String label, java.util.List<String> scopeTags) {
        String serial = label + "-" + UUID.randomUUID().toString().substring(0, 8);
        return expect(201, "POST", "device", "/api/devices", Map.of("name", "Laptop " + serial, "platform", "WINDOWS",
                "osVersion", "11", "serialNumber", serial, "primaryUser", "ana@example.com", "scopeTags", scopeTags))
                .get("id");
    }

    /** Devices registered and known to every service that acts on a request, so that their requests can flow. */
    java.util.List<String> knownDevices(String label, int count, Duration timeout) {
        java.util.List<String> devices = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            devices.add(registerDevice(label));
        }
        for (String deviceId : devices) {
            awaitKnownEverywhere(deviceId, timeout);
        }
        return devices;
    }

    /**
     * The services that act on a request keep their own read model of devices from the devices topic: until all three
     * have the device, a request may be refused (404) or rejected as DEVICE_UNKNOWN.
     */
    void awaitKnownEverywhere(String deviceId, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            try (var connection = system.superuser(); var statement = connection.prepareStatement(
                    "SELECT (SELECT count(*) FROM session.known_device WHERE id = ?::uuid)"
                            + " + (SELECT count(*) FROM connector.known_device WHERE id = ?::uuid)"
                            + " + (SELECT count(*) FROM notification.known_device WHERE id = ?::uuid)")) {
                for (int i = 1; i <= 3; i++) {
                    statement.setString(i, deviceId);
                }
                try (var rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getInt(1) == 3;
                }
            }
        });
    }

    /** POST /api/sessions once, expecting 202: the session's id. */
    String requestSession(String deviceId) {
        Reply reply = expect(202, "POST", "session", "/api/sessions", Map.of("deviceId", deviceId));
        return reply.get("id");
    }

    /**
     * POST /api/sessions as a careful client does through faults: the same Idempotency-Key on every attempt, so a
     * request whose answer was lost (a killed service, a database down) is retried without making a second session.
     */
    String requestSessionRetrying(String deviceId, String idempotencyKey, Duration timeout) {
        return requestSessionRetrying("session", deviceId, idempotencyKey, timeout);
    }

    /** The same, to one instance of session-service ({@code session}, {@code session#2}, ...). */
    String requestSessionRetrying(String instance, String deviceId, String idempotencyKey, Duration timeout) {
        AtomicReference<String> id = new AtomicReference<>();
        await().atMost(timeout).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            Reply reply = call("POST", instance, "/api/sessions", Map.of("deviceId", deviceId),
                    Map.of("Idempotency-Key", idempotencyKey));
            if (reply.status() == 202 || reply.status() == 200 || reply.status() == 201) {
                id.set(reply.get("id"));
                return true;
            }
            if (reply.status() == 404 || reply.status() >= 500) {
                return false; // device not known yet, or a dependency down: try again
            }
            throw new AssertionError("POST /api/sessions answered " + reply.status() + ": " + reply.text());
        });
        return id.get();
    }

    JsonNode session(String sessionId) throws IOException {
        Reply reply = call("GET", "session", "/api/sessions/" + sessionId, null, Map.of());
        if (reply.status() != 200) {
            throw new IOException("GET session " + sessionId + " answered " + reply.status());
        }
        return reply.body();
    }

    JsonNode awaitSession(String sessionId, String status, Duration timeout) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .alias("session " + sessionId + " " + status).until(() -> {
                    last.set(session(sessionId));
                    return status.equals(last.get().path("status").asText());
                });
        return last.get();
    }

    /**
     * Acknowledged (or further on) and notified. The two arrive on different topics, so the notification may well be
     * recorded first: only both together are the journey's step.
     */
    JsonNode awaitAcknowledgedAndNotified(String sessionId, Duration timeout) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .alias("session " + sessionId + " acknowledged and notified").until(() -> {
                    last.set(session(sessionId));
                    JsonNode notifiedAt = last.get().path("notifiedAt");
                    return java.util.Set.of("ACKNOWLEDGED", "IN_PROGRESS", "ENDED")
                            .contains(last.get().path("status").asText())
                            && !notifiedAt.isNull() && !notifiedAt.isMissingNode();
                });
        return last.get();
    }

    /** What the device's Company Portal shows, read with the device's own token. */
    JsonNode notifications(String deviceId) throws IOException {
        Reply reply = call("GET", "notification", "/api/devices/" + deviceId + "/notifications", null, Map.of(),
                deviceToken(deviceId));
        if (reply.status() != 200) {
            throw new IOException("notifications of " + deviceId + " answered " + reply.status() + ": "
                    + reply.text());
        }
        return reply.body();
    }

    JsonNode overview(String deviceId) throws IOException {
        Reply reply = call("GET", "device", "/api/devices/" + deviceId, null, Map.of());
        if (reply.status() != 200) {
            throw new IOException("device " + deviceId + " answered " + reply.status());
        }
        return reply.body();
    }

    JsonNode awaitOverview(String deviceId, String status, Duration timeout) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .alias("device " + deviceId + " overview " + status).until(() -> {
                    last.set(overview(deviceId));
                    return status.equals(last.get().path("remoteAssistance").path("status").asText());
                });
        return last.get();
    }

    /** The admin starts, the device allows, the admin ends: the rest of the journey once acknowledged. */
    void startAllowEnd(String sessionId, String deviceId, String reason) {
        expect(200, "POST", "session", "/api/sessions/" + sessionId + "/start", null);
        try {
            Reply allowed = call("POST", "session", "/api/sessions/" + sessionId + "/device-response",
                    Map.of("allow", true), Map.of(), deviceToken(deviceId));
            if (allowed.status() != 200 || !"IN_PROGRESS".equals(allowed.get("status"))) {
                throw new AssertionError("device-response answered " + allowed.status() + ": " + allowed.text());
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Reply ended = expect(200, "POST", "session", "/api/sessions/" + sessionId + "/end", Map.of("reason", reason));
        if (!"ENDED".equals(ended.get("status"))) {
            throw new AssertionError("end answered " + ended.text());
        }
    }

    /** One value of the service's Prometheus metrics (the first series of that name); NaN when absent. */
    double metric(String service, String name) throws IOException {
        return series(service, name, "").findFirst().orElse(Double.NaN);
    }

    /** The sum of every series of a Prometheus metric whose labels include {@code label}; 0 when there is none. */
    double metricSum(String service, String name, String label) throws IOException {
        return series(service, name, label).sum();
    }

    /** The values of the metric's series (read with an admin token) whose line contains {@code label}. */
    private java.util.stream.DoubleStream series(String service, String name, String label) throws IOException {
        String text = call("GET", service, "/q/metrics", null, Map.of("Accept", "text/plain")).text();
        return text.lines()
                .filter(line -> (line.startsWith(name + " ") || line.startsWith(name + "{")) && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
    }

    /** GET /q/health/ready's status code, or -1 when the service does not answer. */
    int readiness(String service) {
        return health(service, "ready");
    }

    int liveness(String service) {
        return health(service, "live");
    }

    /** The status of /q/health/{check}; -1 when the service does not answer. */
    private int health(String service, String check) {
        try {
            return call("GET", service, "/q/health/" + check, null, Map.of()).status();
        } catch (IOException e) {
            return -1;
        }
    }
}
