package org.remoteassistance.connector.partner;

/**
 * What the connector asks the partner to create.
 *
 * @param description the remote assistance session id, so that the partner session can be recognised again
 * @param endCustomer who is at the device, when known; may be null
 */
public record SessionRequest(String description, EndCustomer endCustomer) {

    public record EndCustomer(String name, String email) {
    }
}
