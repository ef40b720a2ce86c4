package org.remoteassistance.support.logging;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.MDC;
import org.remoteassistance.events.EventData;

/**
 * The session and device an event is about, in the logging context (MDC keys {@code sessionId} and
 * {@code deviceId}) while it is handled: every line logged meanwhile carries them, as fields of its own in JSON logs
 * ({@code QUARKUS_LOG_CONSOLE_JSON_ENABLED=true}); or any other entries ({@link #with}, the trace ids of
 * {@code EventTraces}). Closing it puts back what was there before, so contexts nest.
 */
public final class LogContext implements AutoCloseable {

    public static final String SESSION_ID = "sessionId";
    public static final String DEVICE_ID = "deviceId";

    /** What each key held before: restored on close (null: it held nothing). */
    private final Map<String, Object> before = new LinkedHashMap<>();

    private LogContext() {
    }

    public static LogContext of(EventData data) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(SESSION_ID, data == null || data.sessionId() == null ? null : data.sessionId().toString());
        entries.put(DEVICE_ID, data == null || data.deviceId() == null ? null : data.deviceId().toString());
        return with(entries);
    }

    /** These entries in the logging context until closed; a null value leaves its key out meanwhile. */
    public static LogContext with(Map<String, String> entries) {
        LogContext context = new LogContext();
        entries.forEach((key, value) -> {
            context.before.put(key, MDC.get(key));
            restore(key, value);
        });
        return context;
    }

    @Override
    public void close() {
        before.forEach(LogContext::restore);
    }

    private static void restore(String key, Object value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
