package org.remoteassistance.session.domain;

import java.util.Objects;

/**
 * Who did something to a session, as the audit trail names them: a person or device by the name in their token and
 * the role they acted in, or a system (another service's event, this service's expiry job).
 */
public record Actor(String name, String role) {

    /** The role of entries no person made: events of other services and this service's own jobs. */
    public static final String SYSTEM_ROLE = "system";
    public static final int MAX_NAME_LENGTH = 255;

    public Actor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        // a name is the token's subject or an event's source: keep the trail's column bounded whatever they carry
        name = name.length() > MAX_NAME_LENGTH ? name.substring(0, MAX_NAME_LENGTH) : name;
    }

    public static Actor system(String name) {
        return new Actor(name, SYSTEM_ROLE);
    }
}
