package org.remoteassistance.connector.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.remoteassistance.connector.partner.PartnerClient;
import org.remoteassistance.connector.partner.PartnerRefusedException;

/**
 * Connects the tenant with the partner: a token is stored only once the partner has accepted it. Not transactional
 * on purpose: the partner call (with its retries) must not hold a database transaction open.
 */
@ApplicationScoped
public class ConnectorOnboarding {

    @Inject
    PartnerClient partner;

    @Inject
    ConnectorService connectors;

    /**
     * @throws PartnerRefusedException                                        the partner refused the token; nothing
     *                                                                        changed
     * @throws org.remoteassistance.connector.partner.PartnerUnavailableException the partner could not tell; nothing
     *                                                                        changed
     */
    public ConnectorView connect(String token) {
        if (!partner.ping(token)) {
            throw new PartnerRefusedException(401, "invalid_token", "The partner refused the API token");
        }
        return connectors.connected(token, Instant.now());
    }
}
