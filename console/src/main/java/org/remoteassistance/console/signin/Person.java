package org.remoteassistance.console.signin;

import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.util.UUID;

/**
 * Someone signed in to the console: who, as what, and the access token the console presents to the services on their
 * behalf. The token stays on the server; the browser holds only a random session id.
 *
 * @param deviceId the device a device user acts for; null for admins and the help desk
 */
@TemplateData
public record Person(String name, Role role, UUID deviceId, String token, Instant until) {

    public boolean mayUse(UUID device) {
        return role.supportsDevices() || device.equals(deviceId);
    }
}
