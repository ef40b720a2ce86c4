package org.remoteassistance.console.signin;

import io.quarkus.qute.TemplateData;

/** What a signed-in person may do here, as the services' tokens say it (their {@code groups} claim). */
@TemplateData
public enum Role {
    /** Everything, the connector included. */
    ADMIN("admin"),
    /** Devices and sessions, not the connector. */
    HELPDESK("helpdesk"),
    /** The Company Portal of one device. */
    DEVICE("device");

    private final String group;

    Role(String group) {
        this.group = group;
    }

    public String group() {
        return group;
    }

    /** The key of the role's name in the console's words. */
    public String wordKey() {
        return "role_" + name();
    }

    /** Admins and the help desk see the devices' pages; a device user only their own Company Portal. */
    public boolean supportsDevices() {
        return this != DEVICE;
    }
}
