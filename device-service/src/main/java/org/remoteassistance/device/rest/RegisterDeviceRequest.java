package org.remoteassistance.device.rest;

import java.util.List;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.remoteassistance.events.Platform;
import org.remoteassistance.events.EventRules;

/**
 * The body of {@code POST /api/devices}. Free text is the event contract's plain text ({@link EventRules#PLAIN_TEXT}):
 * control characters (line breaks, escapes), invisible and bidi characters and markup have no place in a device's name
 * or serial number and would only forge log lines or disguise a device; and what is accepted here must pass in the
 * device's events, which every consumer holds to the same rules.
 */
public record RegisterDeviceRequest(
        @NotBlank @Size(max = MAX_TEXT) @Pattern(regexp = PLAIN_TEXT, message = NOT_PLAIN) String name,
        @NotBlank @Pattern(regexp = Platform.PATTERN, message = "must be one of " + Platform.NAMES) String platform,
        @Size(max = EventRules.MAX_OS_VERSION) @Pattern(regexp = PLAIN_TEXT, message = NOT_PLAIN) String osVersion,
        @NotBlank @Size(max = MAX_TEXT) @Pattern(regexp = PLAIN_TEXT, message = NOT_PLAIN) String serialNumber,
        @Size(max = MAX_TEXT) @Pattern(regexp = PLAIN_TEXT, message = NOT_PLAIN) String primaryUser,
        List<String> scopeTags) {

    /** The longest name, serial number or primary user (the columns' size, and the contract's). */
    static final int MAX_TEXT = EventRules.MAX_DEVICE_TEXT;
    static final String PLAIN_TEXT = EventRules.PLAIN_TEXT;
    static final String NOT_PLAIN = EventRules.PLAIN_TEXT_MESSAGE;

    static final String SINGLE_LINE = "[^\\p{Cntrl}]*";
    static final String NO_CONTROL = "must not contain control characters";

    static boolean hasControlCharacter(String text) {
        return !text.matches(SINGLE_LINE);
    }
}
