package org.remoteassistance.connector.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code PUT /api/connectors/teamviewer}: the partner API token (a script token or an OAuth 2 access token). */
public record ConnectRequest(@NotBlank @Size(max = 4096) String apiToken) {

    /** A request may be logged by accident; the token must not be. */
    @Override
    public String toString() {
        return "ConnectRequest[apiToken hidden]";
    }
}
