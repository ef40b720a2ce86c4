package org.remoteassistance.session.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/sessions}. */
public record NewSession(
        @NotNull UUID deviceId,
        @Schema(description = "How long the session may run once in progress before it ends with TIME_LIMIT; "
                + "without it, the service's default (remote-assistance.sessions.max-duration, 8 h).",
                minimum = "1", maximum = "1440")
        @Min(1) @Max(1440) Integer maxDurationMinutes) {
}
