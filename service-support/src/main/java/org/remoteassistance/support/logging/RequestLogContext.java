package org.remoteassistance.support.logging;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * The session or device an HTTP request is about, from its path ({@code /api/sessions/{id}...},
 * {@code /api/devices/{id}...}), in the logging context of the request (MDC {@code sessionId}, {@code deviceId}), as
 * {@link LogContext} does for a consumed event: every line logged while the request is served carries it. The logging
 * context lives in the request's own Vert.x context, which ends with it.
 */
@ApplicationScoped
public class RequestLogContext {

    private static final Pattern SESSION = Pattern.compile("^/api/sessions/([0-9a-fA-F-]{36})(?:/.*)?$");
    private static final Pattern DEVICE = Pattern.compile("^/api/devices/([0-9a-fA-F-]{36})(?:/.*)?$");

    void install(@Observes Router router) {
        router.route("/api/*").order(Integer.MIN_VALUE + 1).handler(context -> {
            String path = context.normalizedPath();
            sessionOf(path).ifPresent(session -> MDC.put(LogContext.SESSION_ID, session));
            deviceOf(path).ifPresent(device -> MDC.put(LogContext.DEVICE_ID, device));
            context.next();
        });
    }

    static Optional<String> sessionOf(String path) {
        return id(SESSION, path);
    }

    static Optional<String> deviceOf(String path) {
        return id(DEVICE, path);
    }

    private static Optional<String> id(Pattern pattern, String path) {
        Matcher matcher = pattern.matcher(path);
        return matcher.matches() ? Optional.of(matcher.group(1).toLowerCase(java.util.Locale.ROOT)) : Optional.empty();
    }
}
