package org.remoteassistance.console.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.remoteassistance.console.config.ConsoleSettings;
import org.remoteassistance.console.signin.Person;

/**
 * The four services' public APIs (SPEC §6), called with the signed-in person's token: the services decide what that
 * person may see and do, exactly as for any other client; the console adds no rights of its own.
 */
@ApplicationScoped
public class ServiceApis {

    @Inject
    ConsoleSettings settings;

    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Reply devices(Person person, String search, String platform, int page, int size) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("search", search);
        query.put("platform", platform);
        query.put("page", Integer.toString(page));
        query.put("size", Integer.toString(size));
        return call(person, "device", "GET", settings.deviceUrl() + "/api/devices" + query(query), null, Map.of());
    }

    public Reply device(Person person, UUID deviceId) {
        return call(person, "device", "GET", settings.deviceUrl() + "/api/devices/" + deviceId, null, Map.of());
    }

    public Reply sessionsOf(Person person, UUID deviceId) {
        return call(person, "session", "GET", settings.sessionUrl() + "/api/sessions?deviceId=" + deviceId, null,
                Map.of());
    }

    public Reply session(Person person, UUID sessionId) {
        return call(person, "session", "GET", settings.sessionUrl() + "/api/sessions/" + sessionId, null, Map.of());
    }

    /**
     * The idempotency key makes a form posted twice (a double click, a reload) one session; {@code terms} are the
     * request's optional fields (reason, ticketId, showReasonToUser, maxDurationMinutes).
     */
    public Reply requestSession(Person person, UUID deviceId, String idempotencyKey, Map<String, Object> terms) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(terms);
        body.put("deviceId", deviceId.toString());
        return call(person, "session", "POST", settings.sessionUrl() + "/api/sessions", body,
                Map.of("Idempotency-Key", idempotencyKey));
    }

    public Reply resendNotification(Person person, UUID sessionId) {
        return call(person, "session", "POST", settings.sessionUrl() + "/api/sessions/" + sessionId
                + "/resend-notification", null, Map.of());
    }

    public Reply start(Person person, UUID sessionId) {
        return call(person, "session", "POST", settings.sessionUrl() + "/api/sessions/" + sessionId + "/start", null,
                Map.of());
    }

    public Reply end(Person person, UUID sessionId, String reason) {
        return call(person, "session", "POST", settings.sessionUrl() + "/api/sessions/" + sessionId + "/end",
                Map.of("reason", reason), Map.of());
    }

    public Reply answer(Person person, UUID sessionId, boolean allow) {
        return call(person, "session", "POST", settings.sessionUrl() + "/api/sessions/" + sessionId
                + "/device-response", Map.of("allow", allow), Map.of());
    }

    /** The device's audit trail, newest first (admins only: the help desk is answered 403). */
    public Reply auditOf(Person person, UUID deviceId) {
        return call(person, "session", "GET", settings.sessionUrl() + "/api/audit?size=100&deviceId=" + deviceId, null,
                Map.of());
    }

    public Reply connector(Person person) {
        return call(person, "connector", "GET", settings.connectorUrl() + "/api/connectors/teamviewer", null, Map.of());
    }

    public Reply connect(Person person, String apiToken) {
        return call(person, "connector", "PUT", settings.connectorUrl() + "/api/connectors/teamviewer",
                Map.of("apiToken", apiToken), Map.of());
    }

    public Reply disconnect(Person person) {
        return call(person, "connector", "DELETE", settings.connectorUrl() + "/api/connectors/teamviewer", null,
                Map.of());
    }

    public Reply notifications(Person person, UUID deviceId) {
        return call(person, "notification", "GET", settings.notificationUrl() + "/api/devices/" + deviceId
                + "/notifications", null, Map.of());
    }

    public Reply markRead(Person person, UUID notificationId) {
        return call(person, "notification", "POST", settings.notificationUrl() + "/api/notifications/"
                + notificationId + "/read", null, Map.of());
    }

    /** The device's live notification stream (text/event-stream), to relay to the browser as it comes. */
    public InputStream notificationStream(Person person, UUID deviceId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.notificationUrl() + "/api/devices/"
                        + deviceId + "/notifications/stream"))
                .header("Authorization", "Bearer " + person.token())
                .header("Accept", "text/event-stream")
                .GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new ServiceUnavailableException("notification",
                        new IOException("the stream answered " + response.statusCode()));
            }
            return response.body();
        } catch (IOException e) {
            throw new ServiceUnavailableException("notification", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("notification", e);
        }
    }

    private Reply call(Person person, String service, String method, String url, Object body,
            Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(settings.callTimeout())
                    .header("Authorization", "Bearer " + person.token())
                    .header("Accept", "application/json");
            headers.forEach(request::header);
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode parsed = response.body().length == 0 ? null : json.readTree(response.body());
            return new Reply(response.statusCode(), parsed);
        } catch (IOException e) {
            throw new ServiceUnavailableException(service, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException(service, e);
        }
    }

    private static String query(Map<String, String> parameters) {
        String joined = parameters.entrySet().stream()
                .filter(parameter -> parameter.getValue() != null && !parameter.getValue().isBlank())
                .map(parameter -> parameter.getKey() + "=" + URLEncoder.encode(parameter.getValue(),
                        StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return joined.isEmpty() ? "" : "?" + joined;
    }
}
