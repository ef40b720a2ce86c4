package org.remoteassistance.support.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.remoteassistance.support.problem.ProblemResponses;

/**
 * The requests refused before any resource sees them, answered as {@code application/problem+json} like every other
 * error: a body over {@code quarkus.http.limits.max-body-size} (413), a request line over
 * {@code remote-assistance.http.max-request-line} (414), headers over {@code remote-assistance.http.max-header-size}
 * (431).
 *
 * A request target that is not a URI ({@code /api/%zz}, a bad percent-encoding) is a 400 problem too.
 *
 * <p>Vert.x refuses a request line or headers beyond its own decoder limits ({@code quarkus.http.limits.
 * max-initial-line-length}, {@code max-header-size}) before any route runs, with an empty 414 or 431 and the
 * connection closed; Quarkus offers no hook there. So those limits are set well above this class's (in
 * service-support's {@code microprofile-config.properties}), and only a request beyond them gets the bare answer.
 * Quarkus' own check of the URI, which answers an empty 400, is turned off by {@link ServiceMain} so that this class
 * makes the same check with a problem.
 */
@ApplicationScoped
public class RequestLimits {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    @ConfigProperty(name = "remote-assistance.http.max-request-line", defaultValue = "4096")
    int maxRequestLine;

    @ConfigProperty(name = "remote-assistance.http.max-header-size", defaultValue = "20K")
    MemorySize maxHeaderSize;

    void install(@Observes Router router) {
        // before Quarkus' own body-size check, which answers 413 with an empty body
        router.route().order(Integer.MIN_VALUE + 1).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (!isUri(request.uri())) {
            problem(context, 400, "Bad request",
                    "The request target is not a valid URI (a '%' must start a percent-encoded byte).");
            return;
        }
        if (request.uri().length() + request.method().name().length() + " HTTP/1.1".length() + 1 > maxRequestLine) {
            refuse(context, 414, "URI too long", "The request line is longer than " + maxRequestLine + " bytes.");
            return;
        }
        if (headerBytes(request.headers()) > maxHeaderSize.asLongValue()) {
            refuse(context, 431, "Request header fields too large",
                    "The request headers are larger than " + maxHeaderSize.asLongValue() + " bytes.");
            return;
        }
        long length = contentLength(request);
        if (maxBodySize.isPresent() && length > maxBodySize.get().asLongValue()) {
            refuse(context, 413, "Content too large",
                    "The body is larger than " + maxBodySize.get().asLongValue() + " bytes.");
            return;
        }
        context.next();
    }

    private static boolean isUri(String target) {
        try {
            new URI(target);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void refuse(RoutingContext context, int status, String title, String detail) {
        // the rest of an oversized request is not read: the connection closes after the answer
        context.response().putHeader("Connection", "close");
        problem(context, status, title, detail);
    }

    private static void problem(RoutingContext context, int status, String title, String detail) {
        JsonObject body = new JsonObject(Map.of("type", "about:blank", "title", title, "status", status,
                "detail", detail));
        context.response().setStatusCode(status).putHeader("Content-Type", ProblemResponses.PROBLEM_JSON)
                .end(body.encode());
    }

    private static long headerBytes(MultiMap headers) {
        long bytes = 0;
        for (Map.Entry<String, String> header : headers) {
            bytes += header.getKey().length() + header.getValue().length() + 4; // ": " and CRLF
        }
        return bytes;
    }

    private static long contentLength(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
