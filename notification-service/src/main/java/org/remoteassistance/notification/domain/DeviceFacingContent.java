package org.remoteassistance.notification.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.remoteassistance.events.InvalidEventException;
import org.remoteassistance.events.SessionAcknowledged;

/**
 * What an acknowledgement puts in front of the person at the device must be safe to show: a session code made of code
 * characters (it is also written into the instructions) and a link the Company Portal may open, http or https only. A
 * {@code javascript:} or {@code file:} link from a faulty or hostile publisher never reaches a device.
 */
public final class DeviceFacingContent {

    public static final int MAX_SESSION_CODE = 64;
    public static final int MAX_LINK = 2048;
    private static final Pattern SESSION_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0," + (MAX_SESSION_CODE - 1)
            + "}");

    private DeviceFacingContent() {
    }

    /** @throws InvalidEventException naming the field that may not be shown */
    public static void requireShowable(SessionAcknowledged acknowledged) {
        if (!SESSION_CODE.matcher(acknowledged.sessionCode()).matches()) {
            throw new InvalidEventException("data.sessionCode must be 1 to " + MAX_SESSION_CODE
                    + " letters, digits and dashes");
        }
        requireWebLink(acknowledged.endCustomerLink(), "endCustomerLink");
    }

    private static void requireWebLink(String link, String field) {
        if (link.length() > MAX_LINK) {
            throw new InvalidEventException("data." + field + " is longer than " + MAX_LINK + " characters");
        }
        try {
            URI uri = new URI(link);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw new InvalidEventException("data." + field + " must be an absolute http or https link");
            }
        } catch (URISyntaxException e) {
            throw new InvalidEventException("data." + field + " is not a valid link: " + e.getReason());
        }
    }
}
