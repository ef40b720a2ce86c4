package org.remoteassistance.device.rest;

import jakarta.validation.constraints.NotNull;
import org.remoteassistance.events.Compliance;

/** Body of {@code PUT /api/devices/{id}/compliance}. */
public record ComplianceUpdate(@NotNull Compliance state) {
}
