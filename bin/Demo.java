import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** bin/demo: the journey of the seed, step by step, as the admin and the device user would see it. */
public class Demo {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String DEVICE = env("DEVICE_URL", "http://localhost:8081");
    static final String SESSION = env("SESSION_URL", "http://localhost:8082");
    static final String NOTIFICATION = env("NOTIFICATION_URL", "http://localhost:8083");
    static final String CONNECTOR = env("CONNECTOR_URL", "http://localhost:8084");
    static final String TOKEN = env("PARTNER_TOKEN", "teamviewer-simulator-token");
    static final String ADMIN = env("ADMIN_TOKEN", "");
    static String deviceToken = "";

    public static void main(String[] args) throws Exception {
        step("Once: the admin connects the TeamViewer connector");
        Response connector = call("PUT", CONNECTOR + "/api/connectors/teamviewer", "{\"apiToken\":\"" + TOKEN + "\"}", 200);
        admin("Connector status: " + field(connector.body, "status") + " (the token is never shown again)");

        step("The admin registers a device in All devices");
        String serial = "DEMO-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Response device = call("POST", DEVICE + "/api/devices", "{\"name\":\"Ana's laptop\",\"platform\":\"WINDOWS\","
                + "\"osVersion\":\"Windows 11 23H2\",\"serialNumber\":\"" + serial + "\",\"primaryUser\":\"ana@contoso.com\"}", 201);
        String deviceId = field(device.body, "id");
        admin("Device " + field(device.body, "name") + " (" + serial + "), id " + deviceId);
        deviceToken = token("device", deviceId);

        step("Part 1: ... More > New remote assistance session > Yes");
        String sessionId = requestSession(deviceId);
        admin("Session " + sessionId + " requested");

        Response acknowledged = await("the partner acknowledges", SESSION + "/api/sessions/" + sessionId,
                body -> "ACKNOWLEDGED".equals(field(body, "status")));
        String code = field(acknowledged.body, "sessionCode");
        admin("TeamViewer acknowledged: session code " + code + ", valid until " + field(acknowledged.body, "validUntil"));
        Response overview = await("the device overview offers Start remote assistance", DEVICE + "/api/devices/" + deviceId,
                body -> body.contains("\"startAvailable\":true"));
        admin("Essentials > Remote assistance: status " + field(overview.body, "status") + ", Start remote assistance available");

        step("The admin selects Start remote session");
        Response start = call("POST", SESSION + "/api/sessions/" + sessionId + "/start", null, 200);
        admin("Download and launch TeamViewer: " + field(start.body, "supporterLink") + " with code " + field(start.body, "sessionCode"));

        step("Part 2: the device's Company Portal");
        Response notifications = await("the notification reaches the device",
                NOTIFICATION + "/api/devices/" + deviceId + "/notifications", body -> body.contains(sessionId));
        device("Notification: \"" + field(notifications.body, "message") + "\"");
        device("Open TeamViewer: " + field(notifications.body, "endCustomerLink") + " (code " + field(notifications.body, "sessionCode") + ")");
        device("Instructions: " + field(notifications.body, "instructions"));
        device("Unread notifications: " + number(notifications.body, "unread"));

        step("The device user allows the session");
        Response allowed = call("POST", SESSION + "/api/sessions/" + sessionId + "/device-response", "{\"allow\":true}", 200,
                deviceToken);
        device("Allowed. Session status: " + field(allowed.body, "status"));
        await("the overview shows the session in progress", DEVICE + "/api/devices/" + deviceId,
                body -> "IN_PROGRESS".equals(field(body, "status")));
        admin("Essentials > Remote assistance: IN_PROGRESS");

        step("The connection is lost");
        Response ended = call("POST", SESSION + "/api/sessions/" + sessionId + "/end", "{\"reason\":\"CONNECTION_LOST\"}", 200);
        admin("Session " + field(ended.body, "status") + " (" + field(ended.body, "endReason") + "); both sides close TeamViewer");
        Response refused = call("POST", SESSION + "/api/sessions/" + sessionId + "/start", null, 409);
        admin("Starting it again is refused: " + field(refused.body, "detail"));
        await("the old notification is no longer actionable", NOTIFICATION + "/api/devices/" + deviceId + "/notifications",
                body -> body.contains("\"actionable\":false"));
        device("The old notification can no longer be acted on");

        step("The admin starts a new session: new code, new notification");
        String second = requestSession(deviceId);
        Response secondAck = await("the partner acknowledges the new session", SESSION + "/api/sessions/" + second,
                body -> "ACKNOWLEDGED".equals(field(body, "status")));
        admin("New session " + second + " with new code " + field(secondAck.body, "sessionCode") + " (old code " + code + " is dead)");
        Response fresh = await("the new notification reaches the device", NOTIFICATION + "/api/devices/" + deviceId + "/notifications",
                body -> body.contains(second));
        device("New notification with code " + field(fresh.body, "sessionCode") + "; unread: " + number(fresh.body, "unread"));
        call("POST", SESSION + "/api/sessions/" + second + "/end", "{\"reason\":\"CANCELLED\"}", 200);
        admin("Demo session cancelled. Done.");
    }

    static String requestSession(String deviceId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            Response response = send("POST", SESSION + "/api/sessions", "{\"deviceId\":\"" + deviceId + "\"}");
            if (response.status == 202) {
                return field(response.body, "id");
            }
            // the session service learns of new devices from events: a moment after registering it may not know it yet
            if (response.status != 404 || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("request refused: " + response.status + " " + response.body);
            }
            Thread.sleep(200);
        }
    }

    record Response(int status, String body) {
    }

    static Response call(String method, String url, String json, int expected) throws Exception {
        return call(method, url, json, expected, ADMIN);
    }

    static Response call(String method, String url, String json, int expected, String token) throws Exception {
        Response response = send(method, url, json, token);
        if (response.status != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + response.status + ": " + response.body);
        }
        return response;
    }

    static Response send(String method, String url, String json) throws Exception {
        return send(method, url, json, ADMIN);
    }

    static Response send(String method, String url, String json, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    static Response await(String what, String url, Predicate<String> done) throws Exception {
        Instant started = Instant.now();
        Instant deadline = started.plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            // the Company Portal reads its notifications with the device's own token
            Response response = send("GET", url, null, url.startsWith(NOTIFICATION) ? deviceToken : ADMIN);
            if (response.status == 200 && done.test(response.body)) {
                System.out.printf("   ... %s (%d ms)%n", what, Duration.between(started, Instant.now()).toMillis());
                return response;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("timed out waiting until " + what + " at " + url);
    }

    /** The first string value of {@code name} in a JSON document: enough for a demo, no library needed. */
    static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        return matcher.find() ? matcher.group(1) : null;
    }

    static String number(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(json);
        return matcher.find() ? matcher.group(1) : null;
    }

    static void step(String text) {
        System.out.println();
        System.out.println("== " + text);
    }

    static void admin(String text) {
        System.out.println("   [admin]  " + text);
    }

    static void device(String text) {
        System.out.println("   [device] " + text);
    }

    /** A token from bin/token, as the admin console or the Company Portal would hold one. */
    static String token(String... args) throws Exception {
        String command = env("TOKEN_COMMAND", "");
        if (command.isEmpty()) {
            return "";
        }
        String[] line = new String[args.length + 1];
        line[0] = command;
        System.arraycopy(args, 0, line, 1, args.length);
        Process process = new ProcessBuilder(line).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String token = new String(process.getInputStream().readAllBytes()).trim();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("bin/token failed");
        }
        return token;
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
