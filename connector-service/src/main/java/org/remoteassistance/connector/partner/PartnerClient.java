package org.remoteassistance.connector.partner;

/**
 * The remote-support partner (TeamViewer's Web API v1, or its in-process simulator). Calls are blocking. Every call
 * takes the API token; implementations never put it in a message, a log line or an exception.
 */
public interface PartnerClient {

    /**
     * @return whether the partner accepts the token
     * @throws PartnerUnavailableException when the partner cannot tell now
     */
    boolean ping(String token);

    /**
     * Creates a service-queue session. Not idempotent at the partner: a repeated call makes a second code.
     *
     * @throws PartnerRefusedException     the partner said no (token, rights, request)
     * @throws PartnerUnavailableException the partner could not be reached or was overloaded
     */
    PartnerSession createSession(String token, SessionRequest request);

    /** @throws PartnerRefusedException for an unknown code */
    PartnerSession getSession(String token, String code);

    /** Closes the session; its code is dead from then on. @throws PartnerRefusedException for an unknown or closed code */
    PartnerSession closeSession(String token, String code);
}
