package org.remoteassistance.support.inbox;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.remoteassistance.events.InvalidEventException;

/**
 * Drops SmallRye Reactive Messaging's ERROR with stack trace ({@code SRMSG00200 The method ... has thrown an
 * exception}) when what a handler threw is an {@link InvalidEventException}: that is the expected way to dead-letter
 * an event, {@link IncomingEvents} has already logged one WARN line with the reason, and the dead letter carries the
 * rest (reason, topic, partition, offset). Any other exception a handler throws is logged as before.
 */
@LoggingFilter(name = "invalid-events")
public final class InvalidEventLogFilter implements Filter {

    static final String HANDLER_THREW = "SRMSG00200";

    @Override
    public boolean isLoggable(LogRecord record) {
        if (!(record.getThrown() instanceof InvalidEventException)) {
            return true;
        }
        String message = record.getMessage();
        return message == null || !message.contains(HANDLER_THREW);
    }
}
