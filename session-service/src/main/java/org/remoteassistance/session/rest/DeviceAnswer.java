package org.remoteassistance.session.rest;

import jakarta.validation.constraints.NotNull;

/** Body of {@code POST /api/sessions/{id}/device-response}: the device user allows or declines. */
public record DeviceAnswer(@NotNull Boolean allow) {
}
