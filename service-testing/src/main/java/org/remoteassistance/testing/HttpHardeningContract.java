package org.remoteassistance.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.remoteassistance.testing.ServiceTestResource.TestTokens;

/**
 * What every service's HTTP side must do whatever its resources: the security headers on every answer, and a problem
 * for the requests Vert.x refuses before any resource sees them. Each service
 * has a {@code @QuarkusTest} extending this, naming one {@code /api} path an admin may read.
 */
public abstract class HttpHardeningContract {

    private static final Pattern URI_LABEL = Pattern.compile("http_server_requests_seconds_count\\{[^}]*uri=\"([^\"]*)\"");

    @TestHTTPResource("/")
    URL base;

    /** A {@code GET} under {@code /api} that answers an admin 200. */
    protected abstract String adminReadPath();

    @Test
    void everyAnswerIsMarkedNotToBeSniffedOrFramed() {
        for (ValidatableResponse answer : new ValidatableResponse[] {
                given().get(adminReadPath()).then().statusCode(200),
                given().header("Authorization", "").get(adminReadPath()).then().statusCode(401),
                given().get("/no-such-path").then().statusCode(404),
                given().get("/q/health/ready").then().statusCode(200)}) {
            answer.header("X-Content-Type-Options", "nosniff")
                    .header("X-Frame-Options", "DENY")
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        }
    }

    @Test
    void apiAnswersAreNeverStored() {
        given().get(adminReadPath()).then().statusCode(200).header("Cache-Control", "no-store");
        given().header("Authorization", "").get(adminReadPath()).then().statusCode(401)
                .header("Cache-Control", "no-store");
    }

    @Test
    void corsAnswersVaryByOrigin() {
        given().header("Origin", "http://localhost:3000").get(adminReadPath()).then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Vary", containsString("Origin"));
        given().header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "GET")
                .options(adminReadPath()).then()
                .header("Vary", containsString("Origin"));
    }

    @Test
    void swaggerUiHasAPolicyAndIsNeverFramed() {
        given().get("/q/swagger-ui/").then().statusCode(200)
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"));
    }

    @Test
    void aBodyOverTheLimitIsAProblem() {
        problem(given().contentType("application/json").body("\"" + "x".repeat(70 * 1024) + "\"")
                .post(adminReadPath()).then(), 413);
    }

    @Test
    void aRequestLineOverTheLimitIsAProblem() {
        problem(given().get(adminReadPath() + "?q=" + "x".repeat(5000)).then(), 414);
    }

    @Test
    void headersOverTheLimitAreAProblem() {
        problem(given().header("X-Padding", "x".repeat(25 * 1024)).get(adminReadPath()).then(), 431);
    }

    @Test
    void aPathThatIsNotAUriIsAProblem() throws IOException {
        for (String path : List.of("/api/x%zz", "/api/%", adminReadPath() + "/%g0", adminReadPath() + "?q=%zz")) {
            String answer = send("GET", path);
            assertTrue(answer.startsWith("HTTP/1.1 400"), path + " answered " + answer);
            assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
            assertTrue(answer.contains("\"status\":400"), answer);
            assertTrue(answer.toLowerCase().contains("x-content-type-options: nosniff"), answer);
        }
    }

    @Test
    void aTokenWhoseNameIsNotPlainTextIsRefused() {
        // the name becomes requestedBy and the audit trail's actor: a CRLF would forge a log line
        for (String name : List.of("eve\r\nforged audit line", "x".repeat(256), "<img src=x>", "")) {
            given().header("Authorization", TestTokens.bearer(TestTokens.tokens().sign(name, "admin", null,
                    Duration.ofMinutes(5)))).get(adminReadPath()).then().statusCode(401);
        }
        given().header("Authorization", TestTokens.bearer(TestTokens.tokens().sign("Zoë O'Brien (help desk)",
                "admin", null, Duration.ofMinutes(5)))).get(adminReadPath()).then().statusCode(200);
    }

    @Test
    void metricsAnswerOnlyAScraperOrAnAdminWhileHealthStaysOpen() {
        given().header("Authorization", "").get("/q/health/ready").then().statusCode(200);
        given().header("Authorization", "").get("/q/metrics").then().statusCode(401);
        given().header("Authorization", ServiceTestResource.TestTokens.device(UUID.randomUUID()))
                .get("/q/metrics").then().statusCode(403);
        given().header("Authorization", ServiceTestResource.TestTokens.helpdesk("helpdesk-1"))
                .get("/q/metrics").then().statusCode(403);
        given().header("Authorization", ServiceTestResource.TestTokens.bearer(
                ServiceTestResource.TestTokens.tokens().metrics("scraper"))).get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_"));
        given().get("/q/metrics").then().statusCode(200); // as the admin
    }

    private static void problem(ValidatableResponse answer, int status) {
        answer.statusCode(status).contentType(startsWith("application/problem+json")).body("status", equalTo(status))
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void pathsNoRouteKnowsAddNoUriLabelsToTheMetrics() throws IOException {
        String[] shapes = {"/api/../x/", "/%2e%2e/x/", "/api/%2e%2e/api/x/", "/api/./x/", "/api//x/", "/q/../x/",
                "/api/..%2fx/", "/api/x%zz", "/api/devices;x=", "/q/metrics/../x/"};
        String[] methods = {"GET", "POST", "DELETE", "PUT", "PATCH"};
        // the few labels such requests may have (NOT_FOUND, UNKNOWN, a template) are there once
        for (int i = 0; i < shapes.length * methods.length; i++) {
            String id = i % 2 == 0 ? "1" : UUID.randomUUID().toString();
            send(methods[i % methods.length], shapes[i % shapes.length] + id);
            send(methods[i % methods.length], adminReadPath() + "/" + id + "/" + shapes[i % shapes.length]);
        }
        Set<String> before = uriLabels();
        for (int i = 0; i < 200; i++) {
            String id = i % 2 == 0 ? Integer.toString(i) : UUID.randomUUID().toString();
            send(methods[i % methods.length], shapes[i % shapes.length] + id);
            send(methods[i % methods.length], adminReadPath() + "/" + id + "/" + shapes[i % shapes.length]);
        }
        Set<String> added = uriLabels();
        added.removeAll(before);
        assertEquals(Set.of(), added, "each unknown path became a uri label");
    }

    /** One raw request, as sent (no client normalises the dot segments or the percent-encoding), and its answer. */
    private String send(String method, String path) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(!answer.isEmpty(), "no answer to " + method + " " + path);
            return answer;
        }
    }

    private static Set<String> uriLabels() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> labels = new TreeSet<>();
        Matcher matcher = URI_LABEL.matcher(metrics);
        while (matcher.find()) {
            labels.add(matcher.group(1));
        }
        return labels;
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() {
        Instant later = Instant.now().plus(Duration.ofMinutes(2));
        given().header("Authorization", TestTokens.bearer(TestTokens.tokens().sign("future-admin",
                List.of("admin"), null, later, later.plus(Duration.ofHours(1)))))
                .get(adminReadPath()).then().statusCode(401);
    }

    @Test
    void anExpiredTokenIsRefusedWithinSeconds() {
        Instant now = Instant.now();
        given().header("Authorization", TestTokens.bearer(TestTokens.tokens().sign("late-admin", List.of("admin"),
                null, now.minus(Duration.ofMinutes(5)), now.minus(Duration.ofSeconds(15)))))
                .get(adminReadPath()).then().statusCode(401);
    }

    @Test
    void aDeviceTokenWithAnotherRoleIsRefused() {
        Instant now = Instant.now();
        for (String other : new String[] {"admin", "helpdesk"}) {
            given().header("Authorization", TestTokens.bearer(TestTokens.tokens().sign("device-and-" + other,
                    List.of("device", other), UUID.randomUUID().toString(), now, now.plus(Duration.ofHours(1)))))
                    .get(adminReadPath()).then().statusCode(401);
        }
    }
}
