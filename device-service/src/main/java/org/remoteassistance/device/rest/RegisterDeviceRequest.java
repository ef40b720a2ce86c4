package org.remoteassistance.device.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.remoteassistance.device.domain.Platform;

/** The body of {@code POST /api/devices}. */
public record RegisterDeviceRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Pattern(regexp = Platform.PATTERN, message = "must be one of " + Platform.NAMES) String platform,
        @Size(max = 100) String osVersion,
        @NotBlank @Size(max = 200) String serialNumber,
        @Size(max = 200) String primaryUser) {
}
