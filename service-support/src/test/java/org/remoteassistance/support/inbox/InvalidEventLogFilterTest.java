package org.remoteassistance.support.inbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.InvalidEventException;

class InvalidEventLogFilterTest {

    private final InvalidEventLogFilter filter = new InvalidEventLogFilter();

    @Test
    void anInvalidEventThrownByAHandlerIsNotLoggedAgainWithItsStackTrace() {
        assertFalse(filter.isLoggable(record("SRMSG00200: The method %s has thrown an exception",
                new InvalidEventException("data.deviceId is missing"))));
    }

    @Test
    void everythingElseIsLogged() {
        assertTrue(filter.isLoggable(record("SRMSG00200: The method %s has thrown an exception",
                new IllegalStateException("a bug"))));
        assertTrue(filter.isLoggable(record("Dead-lettering a record from t-0@1: reason", null)));
        assertTrue(filter.isLoggable(record("something else", new InvalidEventException("reason"))));
    }

    private static LogRecord record(String message, Throwable thrown) {
        LogRecord record = new LogRecord(Level.SEVERE, message);
        record.setThrown(thrown);
        return record;
    }
}
