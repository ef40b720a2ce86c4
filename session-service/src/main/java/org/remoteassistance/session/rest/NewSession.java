package org.remoteassistance.session.rest;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** Body of {@code POST /api/sessions}. */
public record NewSession(@NotNull UUID deviceId) {
}
