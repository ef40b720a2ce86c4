package org.remoteassistance.device.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.remoteassistance.device.domain.Platform;

/**
 * The body of {@code POST /api/devices}. Free text is single-line: control characters (line breaks, escapes) have no
 * place in a device's name or serial number and would only forge log lines or confuse a console.
 */
public record RegisterDeviceRequest(
        @NotBlank @Size(max = MAX_TEXT) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String name,
        @NotBlank @Pattern(regexp = Platform.PATTERN, message = "must be one of " + Platform.NAMES) String platform,
        @Size(max = 100) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String osVersion,
        @NotBlank @Size(max = MAX_TEXT) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String serialNumber,
        @Size(max = MAX_TEXT) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String primaryUser) {

    /** The longest name, serial number or primary user (the columns' size). */
    static final int MAX_TEXT = 200;

    static final String SINGLE_LINE = "[^\\p{Cntrl}]*";
    static final String NO_CONTROL = "must not contain control characters";

    static boolean hasControlCharacter(String text) {
        return !text.matches(SINGLE_LINE);
    }
}
