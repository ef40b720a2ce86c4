package org.remoteassistance.connector.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code PUT /api/connectors/teamviewer}: the partner API token (a script token or an OAuth 2 access token). It goes
 * into an {@code Authorization} header, so only visible ASCII is accepted: a pasted line break or space would
 * otherwise break the header (or smuggle another one) at the first partner call. The violation messages never repeat
 * the value.
 */
public record ConnectRequest(
        @NotBlank
        @Size(max = 4096)
        @Pattern(regexp = "[\\x21-\\x7E]*", message = "must be printable ASCII without spaces or line breaks")
        String apiToken) {

    /** A request may be logged by accident; the token must not be. */
    @Override
    public String toString() {
        return "ConnectRequest[apiToken hidden]";
    }
}
