package org.remoteassistance.session.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/sessions/{id}/end}: {@code COMPLETED}, {@code CONNECTION_LOST} or {@code CANCELLED}. */
public record EndSession(@NotBlank @Size(max = 32) String reason) {
}
