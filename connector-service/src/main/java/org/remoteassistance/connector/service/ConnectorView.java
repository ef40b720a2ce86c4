package org.remoteassistance.connector.service;

import java.time.Instant;
import org.remoteassistance.connector.domain.ConnectorStatus;

/** What may be shown of the connector: never the token. */
public record ConnectorView(ConnectorStatus status, Instant connectedAt, Instant lastCheckedAt, String lastError) {
}
