package org.remoteassistance.support.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestLogContextTest {

    static final String ID = "0b6c3a4e-5d2f-4c1a-9e8b-7f6a5b4c3d2e";

    @Test
    void theSessionOrDeviceIsReadFromThePathOfARequestAboutIt() {
        assertEquals(Optional.of(ID), RequestLogContext.sessionOf("/api/sessions/" + ID));
        assertEquals(Optional.of(ID), RequestLogContext.sessionOf("/api/sessions/" + ID.toUpperCase() + "/start"));
        assertEquals(Optional.of(ID), RequestLogContext.deviceOf("/api/devices/" + ID + "/notifications/stream"));
        assertEquals(Optional.empty(), RequestLogContext.sessionOf("/api/sessions"));
        assertEquals(Optional.empty(), RequestLogContext.sessionOf("/api/sessions/not-a-session-id-at-all-or-anything"));
        assertEquals(Optional.empty(), RequestLogContext.deviceOf("/api/sessions/" + ID));
    }
}
