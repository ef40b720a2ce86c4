package org.remoteassistance.console.signin;

import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Someone signed in to the console: who, as what, and the access token the console presents to the services on their
 * behalf. The token stays on the server; the browser holds only a random session id.
 *
 * @param deviceId  the device a device user acts for; null for admins and the help desk
 * @param scopeTags the scope tags a help desk is limited to (the services enforce them); empty for every device
 */
@TemplateData
public record Person(String name, Role role, UUID deviceId, List<String> scopeTags, String token, Instant until) {

    public Person {
        scopeTags = scopeTags == null ? List.of() : List.copyOf(scopeTags);
    }

    /** The scope tags as the page shows them: "emea, hq"; empty for every device. */
    public String scopeText() {
        return String.join(", ", scopeTags);
    }

    public boolean mayUse(UUID device) {
        return role.supportsDevices() || device.equals(deviceId);
    }
}
