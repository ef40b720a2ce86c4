package org.remoteassistance.device.rest;

import jakarta.validation.constraints.NotNull;
import java.util.List;

/** Body of {@code PUT /api/devices/{id}/scope-tags}: the device's tags from now on (an empty list: none). */
public record ScopeTagsUpdate(@NotNull List<String> scopeTags) {
}
