package org.remoteassistance.connector.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.remoteassistance.connector.service.ConnectorView;

/**
 * The connector as the admin console shows it. Never a secret.
 *
 * @param status        {@code NOT_CONFIGURED}, {@code CONNECTED}, {@code ERROR} or {@code DISCONNECTED}
 * @param connectedAt   when the partner accepted the current token
 * @param lastCheckedAt when the token was last checked with the partner
 * @param lastError     why the connector is in {@code ERROR}; absent otherwise
 */
public record ConnectorStatusResponse(String status, Instant connectedAt, Instant lastCheckedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String lastError) {

    static ConnectorStatusResponse of(ConnectorView view) {
        return new ConnectorStatusResponse(view.status().name(), view.connectedAt(), view.lastCheckedAt(),
                view.lastError());
    }
}
