package org.remoteassistance.connector.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An HTTP server that answers as TeamViewer's Web API v1 does (ping, create, read and close service-queue sessions,
 * errors as {@code {"error", "error_description", "error_code"}}), and that can be told to fail: each token has its
 * own queue of scripted answers, served before the normal behaviour, so tests never disturb each other.
 */
public class TeamViewerStub {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scripted answer. */
    public record Reply(int status, String body, Map<String, String> headers, Duration delay) {

        public static Reply status(int status, String error, String description) {
            return new Reply(status, "{\"error\":\"" + error + "\",\"error_description\":\"" + description
                    + "\",\"error_code\":" + status + "}", Map.of(), Duration.ZERO);
        }

        public static Reply tooManyRequests(long retryAfterSeconds) {
            return new Reply(429, "{\"error\":\"rate_limit_exceeded\",\"error_description\":\"Too many requests\"}",
                    Map.of("Retry-After", Long.toString(retryAfterSeconds)), Duration.ZERO);
        }

        /** Answers nothing for this long: longer than the client's read time-out. */
        public static Reply silence(Duration delay) {
            return new Reply(0, null, Map.of(), delay);
        }
    }

    /** A request as the stub received it. */
    public record Received(String method, String path, String authorization, JsonNode body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, Queue<Reply>> scripts = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> sessions = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public TeamViewerStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
    }

    public void start() {
        server.start();
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A token the stub accepts from now on. */
    public String newValidToken() {
        String token = "stub-token-" + java.util.UUID.randomUUID();
        validTokens.add(token);
        return token;
    }

    /** The next requests carrying this token get these answers, in order. */
    public void script(String token, Reply... replies) {
        scripts.computeIfAbsent(token, key -> new ConcurrentLinkedQueue<>()).addAll(List.of(replies));
    }

    public List<Received> received(String token) {
        return received.stream().filter(request -> ("Bearer " + token).equals(request.authorization())).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            JsonNode body = bytes.length == 0 ? null : JSON.readTree(bytes);
            received.add(new Received(method, path, authorization, body));
            String token = authorization != null && authorization.startsWith("Bearer ")
                    ? authorization.substring("Bearer ".length())
                    : "";
            Queue<Reply> script = scripts.get(token);
            Reply scripted = script == null ? null : script.poll();
            if (scripted != null) {
                play(exchange, scripted);
                return;
            }
            answer(exchange, method, path, token, body);
        }
    }

    private void play(HttpExchange exchange, Reply reply) throws IOException {
        if (!reply.delay().isZero()) {
            try {
                Thread.sleep(reply.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (reply.status() == 0) {
            return; // the client has given up by now
        }
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        send(exchange, reply.status(), reply.body());
    }

    /** What TeamViewer does when nothing goes wrong. */
    private void answer(HttpExchange exchange, String method, String path, String token, JsonNode body)
            throws IOException {
        boolean valid = validTokens.contains(token);
        if ("GET".equals(method) && "/api/v1/ping".equals(path)) {
            send(exchange, 200, "{\"token_valid\":" + valid + "}");
            return;
        }
        if (!valid) {
            send(exchange, 401, "{\"error\":\"invalid_token\",\"error_description\":\"The token is invalid\","
                    + "\"error_code\":1}");
            return;
        }
        if ("POST".equals(method) && "/api/v1/sessions".equals(path)) {
            send(exchange, 200, created(body).toString());
            return;
        }
        if (path.startsWith("/api/v1/sessions/")) {
            ObjectNode session = sessions.get(path.substring("/api/v1/sessions/".length()));
            if (session == null) {
                send(exchange, 404, "{\"error\":\"not_found\",\"error_description\":\"Unknown session code\"}");
            } else if ("GET".equals(method)) {
                send(exchange, 200, session.toString());
            } else if ("PUT".equals(method) && !"open".equalsIgnoreCase(session.get("state").asText())) {
                send(exchange, 400, "{\"error\":\"invalid_request\",\"error_description\":\"Session is closed\"}");
            } else if ("PUT".equals(method) && body != null && "closed".equals(body.path("state").asText())) {
                session.put("state", "Closed");
                session.put("closed_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
                send(exchange, 200, session.toString());
            } else {
                send(exchange, 400, "{\"error\":\"invalid_request\",\"error_description\":\"Bad request\"}");
            }
            return;
        }
        send(exchange, 404, "{\"error\":\"not_found\",\"error_description\":\"No such resource\"}");
    }

    private ObjectNode created(JsonNode request) {
        String digits = String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String code = "s" + digits.substring(0, 2) + "-" + digits.substring(2, 5) + "-" + digits.substring(5);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode session = JSON.createObjectNode();
        session.put("code", code);
        session.put("groupid", "g12345");
        session.put("groupname", request.path("groupname").asText());
        session.put("description", request.path("description").asText(null));
        session.put("state", "Open");
        session.put("supporter_link", "https://start.teamviewer.com/" + digits);
        session.put("end_customer_link", "https://get.teamviewer.com/s" + digits);
        session.put("webclient_supporter_link", "https://login.teamviewer.com/ConnectBySessionCode/" + digits);
        session.put("created_at", now.toString());
        session.put("valid_until", now.plus(Duration.ofDays(1)).toString());
        sessions.put(code, session);
        return session;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
