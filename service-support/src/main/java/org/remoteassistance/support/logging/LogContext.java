package org.remoteassistance.support.logging;

import java.util.UUID;
import org.jboss.logging.MDC;
import org.remoteassistance.events.EventData;

/**
 * The session and device an event is about, in the logging context (MDC keys {@code sessionId} and
 * {@code deviceId}) while it is handled: every line logged meanwhile carries them, as fields of its own in JSON logs
 * ({@code QUARKUS_LOG_CONSOLE_JSON_ENABLED=true}). Closing it puts back what was there before, so contexts nest.
 */
public final class LogContext implements AutoCloseable {

    public static final String SESSION_ID = "sessionId";
    public static final String DEVICE_ID = "deviceId";

    private final Object sessionBefore;
    private final Object deviceBefore;

    private LogContext(Object sessionBefore, Object deviceBefore) {
        this.sessionBefore = sessionBefore;
        this.deviceBefore = deviceBefore;
    }

    public static LogContext of(EventData data) {
        LogContext context = new LogContext(MDC.get(SESSION_ID), MDC.get(DEVICE_ID));
        put(SESSION_ID, data == null ? null : data.sessionId());
        put(DEVICE_ID, data == null ? null : data.deviceId());
        return context;
    }

    @Override
    public void close() {
        restore(SESSION_ID, sessionBefore);
        restore(DEVICE_ID, deviceBefore);
    }

    private static void put(String key, UUID value) {
        restore(key, value == null ? null : value.toString());
    }

    private static void restore(String key, Object value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
