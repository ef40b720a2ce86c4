package org.remoteassistance.support.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.DeviceSnapshot;
import org.remoteassistance.events.SessionStarted;

class LogContextTest {

    @Test
    void anEventsSessionAndDeviceAreInTheContextWhileItIsHandledAndNestedContextsPutBackWhatWasThere() {
        UUID session = UUID.randomUUID();
        UUID device = UUID.randomUUID();
        UUID otherDevice = UUID.randomUUID();
        try (LogContext outer = LogContext.of(new SessionStarted(session, device, Instant.now()))) {
            assertEquals(session.toString(), MDC.get(LogContext.SESSION_ID));
            try (LogContext inner = LogContext.of(new DeviceSnapshot(otherDevice, "PC", "WINDOWS", "11", "SN",
                    "user@example.com", false, Instant.now()))) {
                assertNull(MDC.get(LogContext.SESSION_ID), "a device's event is about no session");
                assertEquals(otherDevice.toString(), MDC.get(LogContext.DEVICE_ID));
            }
            assertEquals(session.toString(), MDC.get(LogContext.SESSION_ID));
            assertEquals(device.toString(), MDC.get(LogContext.DEVICE_ID));
        }
        assertNull(MDC.get(LogContext.SESSION_ID));
        assertNull(MDC.get(LogContext.DEVICE_ID));
    }
}
