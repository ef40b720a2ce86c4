package org.remoteassistance.session.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/sessions}: the device, and optionally the terms of the session. */
public record NewSession(
        @NotNull UUID deviceId,
        @Schema(description = "How long the session may run once in progress before it ends with TIME_LIMIT; "
                + "without it, the service's default (remote-assistance.sessions.max-duration, 8 h).",
                minimum = "1", maximum = "1440")
        @Min(1) @Max(1440) Integer maxDurationMinutes,
        @Schema(description = "Why the session is requested: plain text, at most 500 characters. On the session, "
                + "its audit trail and SessionRequested.", maxLength = 500)
        String reason,
        @Schema(description = "The help-desk ticket it belongs to: at most 64 characters matching "
                + "remote-assistance.sessions.ticket-pattern (by default letters, digits and . _ : / # -).",
                maxLength = 64, examples = "INC0012345")
        String ticketId,
        @Schema(description = "Show the reason to the device user in the Company Portal notification (needs a "
                + "reason). Default false.")
        Boolean showReasonToUser,
        @Schema(description = "Go ahead even though the device does not meet its compliance policies; without it a "
                + "request for a NONCOMPLIANT device is a 409. Audited. Default false.")
        Boolean acknowledgeNonCompliant) {
}
