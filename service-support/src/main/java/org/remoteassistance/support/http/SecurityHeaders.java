package org.remoteassistance.support.http;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The security headers of every answer, in one place for every service (a shared contract test checks them): installed
 * as the first route of the main router, they are set just before the headers go out, whichever route or error
 * handler answers.
 *
 * <ul>
 * <li>{@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY} and a Content-Security-Policy that allows
 * nothing on every answer: a JSON answer is never rendered, sniffed or framed;</li>
 * <li>{@code Cache-Control: no-store} on every {@code /api} answer: they carry session codes and supporter links, which
 * no browser or proxy may keep;</li>
 * <li>{@code Vary: Origin}: with CORS on, an answer depends on the caller's origin;</li>
 * <li>Swagger UI's own policy: its scripts and styles from here (its page configures itself inline), still never
 * framed.</li>
 * </ul>
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
    static final String SWAGGER_UI_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'none'";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            context.addHeadersEndHandler(ignored -> apply(context));
            context.next();
        });
    }

    static void apply(RoutingContext context) {
        MultiMap headers = context.response().headers();
        String path = path(context);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Content-Security-Policy", isSwaggerUi(path) ? SWAGGER_UI_POLICY : API_POLICY);
        if (path != null && (path.equals("/api") || path.startsWith("/api/"))) {
            headers.set("Cache-Control", "no-store");
        }
        if (headers.getAll("Vary").stream().noneMatch(vary -> vary.toLowerCase().contains("origin"))) {
            headers.add("Vary", "Origin");
        }
    }

    /** The path as routed ({@code /api/../q/swagger-ui} is Swagger UI), or as sent when it does not decode. */
    static String path(RoutingContext context) {
        try {
            return context.normalizedPath();
        } catch (RuntimeException undecodable) {
            return context.request().path();
        }
    }

    private static boolean isSwaggerUi(String path) {
        return path != null && (path.equals("/q/swagger-ui") || path.startsWith("/q/swagger-ui/"));
    }
}
